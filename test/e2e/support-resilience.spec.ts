// Nothing lost, nothing twice: a server restart mid-conversation, a network
// drop, and a network that blocks WebSocket (the long-poll fallback).
import { expect, test } from './fixtures.js';

// Two browser contexts, a backend of its own and (here and there) a restart: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });
import { openChat, openConsole, openStore, sendFromBuyer, startSupportServers, storedTexts, type SupportServers } from './support-helpers.js';

let servers: SupportServers;
test.beforeEach(async () => {
  servers = await startSupportServers();
});
test.afterEach(async () => {
  await servers.dispose();
});

const buyerLines = (page: import('@playwright/test').Page) =>
  page.getByRole('log', { name: 'Conversation' }).locator('li.message .text').allTextContents();

test('a server restart mid-conversation loses and duplicates nothing', async ({ browser }) => {
  const context = await browser.newContext();
  const buyer = await openStore(context, servers.current.storeUrl);
  await openChat(buyer);
  await sendFromBuyer(buyer, 'First question');
  await expect(buyer.getByText('Delivered')).toBeVisible();
  let agent = await openConsole(browser, servers.current.apiUrl);
  await agent.getByRole('button', { name: /^Anonymous visitor/ }).click();
  await agent.getByRole('textbox', { name: 'Reply' }).fill('First answer');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(buyer.getByRole('log', { name: 'Conversation' }).getByText('First answer')).toBeVisible();

  await servers.restart();
  await expect(buyer.getByRole('dialog').getByText(/Reconnecting|online/)).toBeVisible();
  await sendFromBuyer(buyer, 'Written around the restart');
  await agent.context().close();
  agent = await openConsole(browser, servers.current.apiUrl);
  await agent.getByRole('button', { name: /^Anonymous visitor/ }).click();
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('Written around the restart')).toBeVisible();
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Answer after the restart');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(buyer.getByRole('log', { name: 'Conversation' }).getByText('Answer after the restart')).toBeVisible();
  expect(await buyerLines(buyer)).toEqual(['First question', 'First answer', 'Written around the restart', 'Answer after the restart']);
  expect(storedTexts(servers.dbPath)).toEqual(['First question', 'First answer', 'Written around the restart', 'Answer after the restart']);

  // History on reopen and across page loads.
  await buyer.reload();
  await buyer.locator('ck-support-bubble').evaluate((bubble) => bubble.setAttribute('locale', 'en'));
  await openChat(buyer);
  await expect(buyer.getByRole('log', { name: 'Conversation' }).getByText('Answer after the restart')).toBeVisible();
  expect(await buyerLines(buyer)).toEqual(['First question', 'First answer', 'Written around the restart', 'Answer after the restart']);
  await context.close();
  await agent.context().close();
});

test('a network drop: replies sent meanwhile arrive once after the buyer is back; unread while closed', async ({ browser }) => {
  const context = await browser.newContext();
  const buyer = await openStore(context, servers.current.storeUrl);
  await openChat(buyer);
  await sendFromBuyer(buyer, 'Hello?');
  await expect(buyer.getByText('Delivered')).toBeVisible();
  const agent = await openConsole(browser, servers.current.apiUrl);
  await agent.getByRole('button', { name: /^Anonymous visitor/ }).click();
  await buyer.getByRole('button', { name: 'Close chat' }).click();

  await context.setOffline(true);
  servers.current.support.sockets.drop();
  // The drop cut the console too: it signs back in from its stored login on reload.
  await agent.reload();
  await expect(agent.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await agent.getByRole('button', { name: /^Anonymous visitor/ }).click();
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Sent while you were offline');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('Sent while you were offline')).toBeVisible();
  await context.setOffline(false);

  await expect(buyer.getByRole('button', { name: 'Chat with us, 1 new message' })).toBeVisible({ timeout: 20_000 });
  await openChat(buyer, /Chat with us/);
  expect(await buyerLines(buyer)).toEqual(['Hello?', 'Sent while you were offline']);
  await context.close();
  await agent.context().close();
});

test('when WebSocket is blocked, the bubble falls back to long-polling with the same result', async ({ browser }) => {
  const context = await browser.newContext();
  await context.routeWebSocket(/\/ws$/, (socket) => socket.close());
  const buyer = await openStore(context, servers.current.storeUrl);
  const polls: string[] = [];
  buyer.on('request', (request) => {
    if (request.url().endsWith('/poll')) polls.push(request.url());
  });
  await openChat(buyer);
  await sendFromBuyer(buyer, 'Over plain HTTP');
  await expect(buyer.getByText('Delivered')).toBeVisible();
  const agent = await openConsole(browser, servers.current.apiUrl);
  await agent.getByRole('button', { name: /^Anonymous visitor/ }).click();
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Received over long-polling');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(buyer.getByRole('log', { name: 'Conversation' }).getByText('Received over long-polling')).toBeVisible();
  expect(polls.length).toBeGreaterThan(0);
  expect(polls.every((url) => !url.includes('?'))).toBe(true);
  await context.close();
  await agent.context().close();
});
