// The support bubble against the real reference service, in two browser
// contexts: a buyer on the demo store and an agent in the /agent console.
import { expect, test } from './fixtures.js';

// Two browser contexts, a backend of its own and (here and there) a restart: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });
import { openChat, openConsole, openStore, sendFromBuyer, startSupportServers, storedEvents, storedTexts, type SupportServers } from './support-helpers.js';

let servers: SupportServers;
test.beforeAll(async () => {
  servers = await startSupportServers();
});
test.afterAll(async () => {
  await servers.dispose();
});

test('round trip: the buyer asks, the agent sees it as text with the buyer context, types and answers; read marks come back', async ({ browser }) => {
  const buyerContext = await browser.newContext({ timezoneId: 'Asia/Bangkok' });
  const buyer = await openStore(buyerContext, servers.current.storeUrl);
  await openChat(buyer);
  const html = '<img src=x onerror="document.title=\'pwned\'"><b>Is the mug blue?</b>';
  await sendFromBuyer(buyer, html);
  const log = buyer.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText(html)).toBeVisible();
  await expect(log.getByText('Delivered')).toBeVisible();

  const agent = await openConsole(browser, servers.current.apiUrl);
  await agent.getByRole('button', { name: /^Anonymous visitor, 1 unread/ }).click();
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText(html)).toBeVisible();
  await expect(agent.locator('#messages img, #messages b')).toHaveCount(0);
  await expect(agent.locator('#buyer')).toContainText('Asia/Bangkok');
  await expect(agent.locator('#buyer')).toContainText('English (en)');
  await expect(agent.locator('#buyer')).toContainText('Anonymous visitor (not verified)');

  await agent.getByRole('textbox', { name: 'Reply' }).pressSequentially('Yes');
  await expect(buyer.getByText('Ana is typing…')).toBeVisible();
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Yes, in blue and in green.');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(log.getByText('Yes, in blue and in green.')).toBeVisible();
  await expect(log.getByText('Read')).toBeVisible();
  await expect(buyer.getByText('Ana is typing…')).toHaveCount(0);
  expect(await buyer.title()).not.toBe('pwned');
  expect(await agent.title()).not.toBe('pwned');
  // The buyer has read the answer: the console says so.
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('Ana · Read')).toBeVisible();
  await buyerContext.close();
  await agent.context().close();
});

test('a card number is masked before it leaves the page, with a notice', async ({ browser }) => {
  const context = await browser.newContext();
  const buyer = await openStore(context, servers.current.storeUrl);
  const frames: string[] = [];
  buyer.on('websocket', (socket) => socket.on('framesent', (frame) => frames.push(String(frame.payload))));
  buyer.on('request', (request) => frames.push(request.postData() ?? ''));
  await openChat(buyer);
  await sendFromBuyer(buyer, 'It declined my card 4242 4242 4242 4242, why?');
  await expect(buyer.getByRole('status').filter({ hasText: 'We hid the card number' })).toBeVisible();
  const log = buyer.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText('It declined my card •••• •••• •••• 4242, why?')).toBeVisible();
  await expect(log.getByText('Delivered')).toBeVisible();
  expect(frames.join('\n')).not.toMatch(/4242[ -]?4242[ -]?4242/);
  expect(storedTexts(servers.dbPath)).toEqual(['It declined my card •••• •••• •••• 4242, why?']);
  await context.close();
});

test("a failed payment's context reaches the console only after the buyer agrees, without card data or token", async ({ browser }) => {
  const context = await browser.newContext();
  const response = await context.request.post(`${servers.current.storeUrl}/store/checkout`, {
    data: { items: [{ sku: 'mug-stoneware', quantity: 2 }], country: 'BR', currency: 'BRL', scenario: 'decline:insufficient_funds', sameOrigin: false },
  });
  expect(response.ok()).toBe(true);
  const checkout = (await response.json()) as { sessionToken: string; endpoint: string; sessionId: string };
  const state = { country: 'BR', language: 'en', cart: { 'mug-stoneware': 2 }, checkout };
  const page = await context.newPage();
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('atlas-oak-store')) sessionStorage.setItem('atlas-oak-store', value);
  }, JSON.stringify(state));
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
  await page.goto(`${servers.current.storeUrl}/`);
  const ckCheckout = page.locator('ck-checkout');
  await ckCheckout.getByRole('button', { name: /^Pay / }).click();
  await expect(ckCheckout.getByRole('alert')).toBeVisible();
  await ckCheckout.getByRole('button', { name: 'Need help? Chat with us' }).click();
  await expect(page.getByRole('dialog', { name: 'Customer support' })).toBeVisible();
  await page.getByRole('button', { name: 'Share my checkout details with the agent' }).click();
  await expect(page.getByText('Your checkout details were shared with the agent.')).toBeVisible();

  const agent = await openConsole(browser, servers.current.apiUrl, 'ben', 'sandbox-agent-ben');
  await agent.getByRole('button', { name: /^Anonymous visitor/ }).first().click();
  const facts = agent.locator('#context');
  await expect(facts).toContainText(checkout.sessionId);
  await expect(facts).toContainText('insufficient_funds');
  await expect(facts).toContainText('Attempts1');
  await expect(facts).toContainText('CountryBR');
  const shared = sent.find((frame) => frame.includes('"context"')) ?? '';
  expect(shared).toContain(checkout.sessionId);
  expect(shared).not.toContain(checkout.sessionToken);

  // The bubble's events join the checkout's analytics stream (POST /events, this session), never with the text.
  await sendFromBuyer(page, 'My card was declined twice');
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Let me check that for you.');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('log', { name: 'Conversation' }).getByText('Let me check that for you.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Customer support' })).toBeHidden();
  await expect.poll(() => storedEvents(servers.dbPath, checkout.sessionId).filter(([type]) => type.startsWith('support.')), { timeout: 30_000 }).toEqual([
    ['support.opened', { reason: 'checkout' }],
    ['support.message_sent', { attachment: false, maskedCardNumbers: 0 }],
    ['support.message_received', { author: 'agent' }],
    ['support.closed', {}],
  ]);
  expect(JSON.stringify(storedEvents(servers.dbPath, checkout.sessionId))).not.toContain('declined twice');
  await context.close();
  await agent.context().close();
});
