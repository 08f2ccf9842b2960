// Image attachments through the browser: chosen with the bubble's file input,
// checked for type and size in the page (a localized error, nothing uploaded),
// then stored by the reference service and shown to the agent in the console.
import { deflateSync } from 'node:zlib';
import { expect, test } from './fixtures.js';
import { openChat, openConsole, openStore, startSupportServers, type SupportServers } from './support-helpers.js';

test.describe.configure({ timeout: 120_000 });

let servers: SupportServers;
test.beforeAll(async () => {
  servers = await startSupportServers();
});
test.afterAll(async () => {
  await servers.dispose();
});

/** A real, decodable PNG of `size`×`size` pixels in one colour (so the console can draw it). */
function png(size: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

test('an image chosen with the file input is type- and size-checked in the page (localized errors), stored, and shown to the agent', async ({ browser }) => {
  const context = await browser.newContext();
  const buyer = await openStore(context, servers.current.storeUrl, 'de');
  await openChat(buyer, 'Chatten Sie mit uns');
  const uploads: string[] = [];
  buyer.on('request', (request) => {
    if (request.url().endsWith('/attachments') && request.method() === 'POST') uploads.push(request.headers()['content-type'] ?? '');
  });
  const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    const chooser = buyer.waitForEvent('filechooser');
    await buyer.getByRole('button', { name: 'Bild anhängen' }).click();
    await (await chooser).setFiles(file);
  };
  const dialog = buyer.getByRole('dialog');

  // Wrong type: a text file renamed to .png is refused by its type before anything leaves the page.
  await choose({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('<script>alert(1)</script>') });
  await expect(dialog.getByRole('status').filter({ hasText: 'Es können nur Bilder im Format PNG, JPEG, WebP oder GIF gesendet werden.' })).toBeVisible();
  // Too large: 2 MB and one byte.
  const big = Buffer.alloc(2 * 1024 * 1024 + 1);
  png(1, [0, 0, 0]).copy(big);
  await choose({ name: 'huge.png', mimeType: 'image/png', buffer: big });
  await expect(dialog.getByRole('status').filter({ hasText: 'Dieses Bild ist größer als 2 MB.' })).toBeVisible();
  expect(uploads).toEqual([]);

  // A real PNG: uploaded, sent as a message, shown in the buyer's log and in the console.
  await choose({ name: 'mug.png', mimeType: 'image/png', buffer: png(24, [30, 90, 200]) });
  const log = buyer.getByRole('log');
  const mine = log.getByRole('img', { name: 'Im Chat gesendetes Bild' });
  await expect(mine).toBeVisible();
  // Drawn, not a broken image: the store's strict CSP (img-src 'self' data: …, docs/security.md) allows how it is shown.
  await expect.poll(() => mine.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
  expect(uploads).toEqual(['image/png']);

  const agent = await openConsole(browser, servers.current.apiUrl);
  await agent.getByRole('button', { name: /^Anonymous visitor, 1 unread/ }).click();
  // The conversation was started in the buyer's language (it used to record the rendered one, still English, at connect).
  await expect(agent.locator('#buyer')).toContainText('(de)');
  const shown = agent.getByRole('log', { name: 'Messages' }).getByRole('img', { name: 'Image from the buyer' });
  await expect(shown).toBeVisible();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
  await context.close();
  await agent.context().close();
});
