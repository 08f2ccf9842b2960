// Outside business hours the bubble says when someone is back and stores an
// offline message the console shows; while no agent is online the FAQ
// assistant answers, in Thai and Japanese too.
import { expect, test } from './fixtures.js';

// Two browser contexts, a backend of its own and (here and there) a restart: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });
import { openChat, openConsole, openStore, sendFromBuyer, startSupportServers } from './support-helpers.js';

test('outside business hours: "back …" in the buyer time zone, the offline form is stored and shown in the console', async ({ browser }) => {
  // Open only on a weekday that is a holiday today and the next days: certainly closed now, back at a known time.
  const zone = 'America/Sao_Paulo';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(Date.now());
  const servers = await startSupportServers({
    hours: { timeZone: zone, weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']], sat: [['09:00', '18:00']], sun: [['09:00', '18:00']] }, holidays: [today] },
  });
  try {
    const context = await browser.newContext({ timezoneId: 'Asia/Jakarta' });
    const buyer = await openStore(context, servers.current.storeUrl);
    await openChat(buyer);
    // 09:00 in São Paulo is 19:00 in Jakarta.
    await expect(buyer.getByRole('dialog')).toContainText(/Back (today|tomorrow|on .+) at 7:00\sPM/);
    await buyer.getByRole('textbox', { name: 'Email' }).fill('mei@example.com');
    await buyer.getByRole('textbox', { name: 'Message', exact: true }).fill('Do you ship to Jakarta?');
    await buyer.getByRole('button', { name: 'Send message' }).click();
    await expect(buyer.getByText("Thank you! We'll reply by email.")).toBeVisible();

    const agent = await openConsole(browser, servers.current.apiUrl);
    const inbox = agent.getByRole('navigation', { name: 'Conversations' });
    await expect(inbox.getByText('mei@example.com')).toBeVisible({ timeout: 20_000 });
    await expect(inbox.getByText('Do you ship to Jakarta?')).toBeVisible();
    await expect(inbox.getByText(/Asia\/Jakarta/)).toBeVisible();
    await context.close();
    await agent.context().close();
  } finally {
    await servers.dispose();
  }
});

test('while no agent is online, the FAQ assistant answers in Thai and in Japanese, and hands over when an agent comes', async ({ browser }) => {
  const servers = await startSupportServers();
  try {
    const thai = await openStore(await browser.newContext(), servers.current.storeUrl, 'th');
    await openChat(thai, 'แชทกับเรา');
    await expect(thai.getByRole('dialog')).toContainText('ขณะนี้ไม่มีเจ้าหน้าที่ว่าง');
    await sendFromBuyer(thai, 'ส่งไปต่างประเทศกี่วันคะ', 'ข้อความ', 'ส่ง');
    await expect(thai.getByText('คำสั่งซื้อต่างประเทศจะถึงภายใน 5–10 วันทำการค่ะ')).toBeVisible();
    await expect(thai.getByText('คำตอบอัตโนมัติ')).toBeVisible();

    const japanese = await openStore(await browser.newContext(), servers.current.storeUrl, 'ja');
    await openChat(japanese, 'チャットで問い合わせる');
    await sendFromBuyer(japanese, '返品したいです', 'メッセージ', '送信');
    await expect(japanese.getByText('商品到着後30日以内であれば返品・全額返金が可能です。')).toBeVisible();

    const agent = await openConsole(browser, servers.current.apiUrl);
    await expect(thai.getByText('เจ้าหน้าที่เข้าร่วมแชทแล้ว')).toBeVisible();
    await expect(thai.getByRole('dialog')).toContainText('เจ้าหน้าที่ออนไลน์อยู่');
    await agent.context().close();
  } finally {
    await servers.dispose();
  }
});
