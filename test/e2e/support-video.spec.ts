// 1:1 support video calls against the real reference service, in two
// Chromium contexts (a buyer on the demo store, an agent in /agent) with fake
// media devices. Every assertion on media is on getStats counters polled with
// expect.poll (frames decoded, bytes received), never on timing. WebRTC stays
// on loopback: Chromium may use loopback addresses, and the test's signaling
// lets only 127.0.0.1 candidates through (each page drops the others).
import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.js';
import { expect, test } from './fixtures.js';
import { openChat, openConsole, openStore, sendFromBuyer, startSupportServers, type SupportServers } from './support-helpers.js';

const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];
// No fake UI: a context gets the camera and microphone only where the test grants them, so one can refuse.
test.use({ launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS, ...MEDIA_ARGS] } });
const MEDIA = ['camera', 'microphone'];
test.describe.configure({ timeout: 120_000 });

let servers: SupportServers;
test.beforeAll(async () => {
  servers = await startSupportServers();
});
test.afterAll(async () => {
  await servers.dispose();
});

/** Test signaling passes only loopback candidates: whatever else Chromium gathers never reaches the other side. */
async function loopbackOnly(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const add = RTCPeerConnection.prototype.addIceCandidate as (this: RTCPeerConnection, candidate?: RTCIceCandidateInit) => Promise<void>;
    const loopback = function (this: RTCPeerConnection, candidate?: RTCIceCandidateInit): Promise<void> {
      if (candidate?.candidate && !/ 127\.0\.0\.1 /.test(candidate.candidate)) return Promise.resolve();
      return add.call(this, candidate);
    };
    RTCPeerConnection.prototype.addIceCandidate = loopback as typeof RTCPeerConnection.prototype.addIceCandidate;
  });
}

type Counters = { framesDecoded: number; audioBytes: number; videoBytes: number };

/** Inbound counters of the buyer's call (through the element's test hook). */
function buyerStats(page: Page): Promise<Counters> {
  return page.evaluate(async () => {
    const bubble = document.querySelector('ck-support-bubble');
    const panel = bubble?.shadowRoot?.querySelector('ck-support-panel');
    const call = panel?.shadowRoot?.querySelector('ck-support-call');
    const totals = { framesDecoded: 0, audioBytes: 0, videoBytes: 0 };
    const report = await call?.peerConnection?.getStats();
    report?.forEach((s: { type: string; kind?: string; framesDecoded?: number; bytesReceived?: number }) => {
      if (s.type !== 'inbound-rtp') return;
      totals.framesDecoded += s.framesDecoded ?? 0;
      if (s.kind === 'audio') totals.audioBytes += s.bytesReceived ?? 0;
      else totals.videoBytes += s.bytesReceived ?? 0;
    });
    return totals;
  });
}

function agentStats(page: Page): Promise<Counters> {
  return page.evaluate(async () => {
    const hook = (window as unknown as { __ckAgentCall?: { pc: RTCPeerConnection | null } }).__ckAgentCall;
    const totals = { framesDecoded: 0, audioBytes: 0, videoBytes: 0 };
    const report = await hook?.pc?.getStats();
    report?.forEach((s: { type: string; kind?: string; framesDecoded?: number; bytesReceived?: number }) => {
      if (s.type !== 'inbound-rtp') return;
      totals.framesDecoded += s.framesDecoded ?? 0;
      if (s.kind === 'audio') totals.audioBytes += s.bytesReceived ?? 0;
      else totals.videoBytes += s.bytesReceived ?? 0;
    });
    return totals;
  });
}

/** `readyState` of every track the buyer's call ever opened. */
function buyerTracks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const call = document.querySelector('ck-support-bubble')?.shadowRoot?.querySelector('ck-support-panel')?.shadowRoot?.querySelector('ck-support-call');
    return [...(call?.localTracks ?? [])].map((t) => `${t.kind}:${t.readyState}`);
  });
}

function agentTracks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __ckAgentCall?: { tracks: MediaStreamTrack[] } }).__ckAgentCall;
    return (hook?.tracks ?? []).map((t) => `${t.kind}:${t.readyState}`);
  });
}

/** A buyer with a conversation the agent has answered (so the agent owns it), both pages ready for calls. */
async function conversation(browser: import('@playwright/test').Browser, question: string, buyerMay = MEDIA) {
  const buyerContext = await browser.newContext({ timezoneId: 'Asia/Jakarta', permissions: buyerMay });
  const buyer = await openStore(buyerContext, servers.current.storeUrl);
  await loopbackOnly(buyer);
  await buyer.reload();
  await openChat(buyer);
  await sendFromBuyer(buyer, question);
  const agent = await openConsole(browser, servers.current.apiUrl);
  await agent.context().grantPermissions(MEDIA);
  await loopbackOnly(agent);
  await agent.reload();
  await expect(agent.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await agent.getByRole('button', { name: /^Anonymous visitor, 1 unread/ }).first().click();
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Hello! Shall I show it to you on video?');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(buyer.getByRole('log', { name: 'Conversation' }).getByText('Shall I show it to you on video?')).toBeVisible();
  return { buyer, agent, close: () => Promise.all([buyerContext.close(), agent.context().close()]) };
}

test('the agent calls: the buyer joins with audio only, sees the agent, turns the camera on by choice; the chat keeps working; hang-up ends every track', async ({ browser }) => {
  const { buyer, agent, close } = await conversation(browser, 'Can I see the blue dress worn?');
  await agent.getByRole('button', { name: 'Start video call' }).click();
  const call = buyer.getByRole('region', { name: 'Video call' });
  await expect(call.getByRole('status')).toHaveText('The store is calling you');
  await expect(call.getByText('Your camera stays off.')).toBeVisible();
  await call.getByRole('button', { name: 'Join with microphone' }).click();
  await expect(call.getByRole('status')).toHaveText('In call');
  await expect(agent.locator('#call-status')).toHaveText('In call');

  // The buyer decodes the agent's video and hears the agent; the agent hears the buyer but gets no video.
  await expect.poll(async () => (await buyerStats(buyer)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(10);
  await expect.poll(async () => (await agentStats(agent)).audioBytes, { timeout: 30_000 }).toBeGreaterThan(1000);
  expect((await agentStats(agent)).framesDecoded).toBe(0);
  expect(await buyerTracks(buyer)).toEqual(['audio:live']);

  // Camera on is the buyer's explicit choice: only then does the agent decode the buyer's video.
  await call.getByRole('button', { name: 'Turn camera on' }).click();
  await expect(call.getByText('Your camera is on')).toBeVisible();
  await expect.poll(async () => (await agentStats(agent)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(10);
  // The console shows quality from getStats.
  await expect(agent.locator('#call-quality')).toContainText('Frame rate');
  await expect(agent.locator('#call-quality')).toContainText('Packet loss');
  const before = (await buyerStats(buyer)).videoBytes;
  await expect.poll(async () => (await buyerStats(buyer)).videoBytes).toBeGreaterThan(before);

  // The chat works during the call.
  await sendFromBuyer(buyer, 'The colour looks darker than on the photo.');
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('The colour looks darker than on the photo.')).toBeVisible();

  await call.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(call.getByRole('button', { name: 'Mute', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await call.getByRole('button', { name: 'Hang up' }).click();
  await expect(call.getByRole('status')).toHaveText('Call ended.');
  expect(await buyerTracks(buyer)).toEqual(['audio:ended', 'video:ended']);
  await expect(agent.locator('#call-status')).toHaveText('The buyer ended the call.');
  await expect.poll(() => agentTracks(agent)).toEqual(['audio:ended', 'video:ended']);
  await close();
});

test('the buyer calls (audio only) and the agent accepts; a receive-only call sends nothing from the buyer; closing the tab ends the agent\'s call', async ({ browser }) => {
  const { buyer, agent, close } = await conversation(browser, 'Is there a video of the shoes?');
  await buyer.getByRole('button', { name: 'Video call', exact: true }).click();
  const call = buyer.getByRole('region', { name: 'Video call' });
  await expect(call.getByRole('status')).toHaveText('Calling the store…');
  await expect(agent.locator('#call-status')).toContainText('Incoming audio call');
  await agent.getByRole('button', { name: 'Accept call' }).click();
  await expect(call.getByRole('status')).toHaveText('In call');
  await expect.poll(async () => (await buyerStats(buyer)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(10);
  await expect.poll(async () => (await agentStats(agent)).audioBytes, { timeout: 30_000 }).toBeGreaterThan(1000);
  await call.getByRole('button', { name: 'Hang up' }).click();
  await expect(agent.locator('#call-status')).toHaveText('The buyer ended the call.');
  await call.getByRole('button', { name: 'Close' }).click();

  // An audio-only call from the agent, joined without a microphone: audio flows one way, no video, no buyer track.
  await agent.getByRole('button', { name: 'Start audio call' }).click();
  await call.getByRole('button', { name: 'Join without microphone' }).click();
  await expect(call.getByText("Listening only: the agent can't hear you")).toBeVisible();
  await expect(call.getByRole('status')).toHaveText('In call');
  await expect.poll(async () => (await buyerStats(buyer)).audioBytes, { timeout: 30_000 }).toBeGreaterThan(1000);
  expect((await buyerStats(buyer)).framesDecoded).toBe(0);
  expect(await buyerTracks(buyer)).toEqual([]);
  expect((await agentStats(agent)).audioBytes).toBe(0);

  // The buyer closes the tab: pagehide hangs up, the agent is told and its tracks stop.
  await buyer.close({ runBeforeUnload: true });
  await expect(agent.locator('#call-status')).toHaveText('The buyer left (tab closed).');
  await expect.poll(() => agentTracks(agent)).toEqual(['audio:ended']);
  await close();
});

test('a dropped connection recovers with a fresh connection, and frames flow again', async ({ browser }) => {
  const { buyer, agent, close } = await conversation(browser, 'Can you show the stitching?');
  await agent.getByRole('button', { name: 'Start video call' }).click();
  const call = buyer.getByRole('region', { name: 'Video call' });
  await call.getByRole('button', { name: 'Join with microphone' }).click();
  await expect.poll(async () => (await buyerStats(buyer)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(10);
  // The buyer's connection dies under it (as when the network goes away): nothing tells the agent.
  await buyer.evaluate(() => {
    const element = document.querySelector('ck-support-bubble')?.shadowRoot?.querySelector('ck-support-panel')?.shadowRoot?.querySelector('ck-support-call');
    (window as unknown as { __dropped?: RTCPeerConnection | null }).__dropped = element?.peerConnection ?? null;
    element?.peerConnection?.close();
  });
  // The agent notices, restarts ICE, then builds a fresh connection; the buyer follows it.
  await expect(agent.locator('#call-status')).toContainText('Connection lost', { timeout: 30_000 });
  await expect(agent.locator('#call-status')).toHaveText('In call', { timeout: 60_000 });
  await expect
    .poll(
      () =>
        buyer.evaluate(() => {
          const element = document.querySelector('ck-support-bubble')?.shadowRoot?.querySelector('ck-support-panel')?.shadowRoot?.querySelector('ck-support-call');
          return Boolean(element?.peerConnection) && element?.peerConnection !== (window as unknown as { __dropped?: RTCPeerConnection }).__dropped;
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
  await expect.poll(async () => (await buyerStats(buyer)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(10);
  await expect(call.getByRole('status')).toHaveText('In call');
  await call.getByRole('button', { name: 'Hang up' }).click();
  expect((await buyerTracks(buyer)).every((t) => t.endsWith(':ended'))).toBe(true);
  await close();
});

test.describe('without media permission', () => {
  test('a refused microphone shows its state, offers a call without microphone, and the chat still works', async ({ browser }) => {
    // The buyer's context has no camera or microphone permission: Chromium refuses getUserMedia.
    const { buyer, agent, close } = await conversation(browser, 'Can we talk?', []);
    await buyer.getByRole('button', { name: 'Video call', exact: true }).click();
    const call = buyer.getByRole('region', { name: 'Video call' });
    await expect(call.getByRole('alert')).toHaveText(/Microphone access is blocked/);
    await expect(call.getByRole('button', { name: 'Call without microphone' })).toBeVisible();
    expect(await buyerTracks(buyer)).toEqual([]);
    await sendFromBuyer(buyer, 'My microphone is blocked, can we chat instead?');
    await expect(agent.getByRole('log', { name: 'Messages' }).getByText('My microphone is blocked, can we chat instead?')).toBeVisible();
    // The agent was never rung for a call that could not start.
    await expect(agent.locator('#call-status')).not.toContainText('Incoming');
    await close();
  });
});

test('the buyer books a video call in their own time zone, changes and cancels it; the agent sees the booking', async ({ browser }) => {
  const { buyer, agent, close } = await conversation(browser, 'Can I book a time to see the coat?');
  await buyer.getByRole('button', { name: 'Book a video call' }).click();
  const booking = buyer.getByRole('region', { name: 'Book a video call' });
  await expect(booking.getByText('Times are in your time zone (Asia/Jakarta)')).toBeVisible();
  const slots = booking.getByRole('group').first().getByRole('button');
  const first = (await slots.first().textContent())?.trim() ?? '';
  await slots.first().click();
  await expect(booking.getByRole('status')).toContainText(`Video call booked for`);
  await expect(booking.getByRole('status')).toContainText(first);
  await agent.reload();
  await expect(agent.locator('#appointments')).toContainText('(Asia/Jakarta)');
  // The booking opens its conversation in the console.
  await agent.locator('#appointments').getByRole('button').first().click();

  await booking.getByRole('button', { name: 'Change time' }).click();
  const second = (await slots.nth(1).textContent())?.trim() ?? '';
  await slots.nth(1).click();
  await expect(booking.getByRole('status')).toContainText(second);
  // Hold the fresh list of times that follows the cancellation: the old booking must be gone before it comes.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let cancelled = false;
  await buyer.route(/\/appointments$/, async (route) => {
    if (cancelled && route.request().method() === 'GET') await held;
    await route.continue();
  });
  cancelled = true;
  await booking.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(booking.getByRole('status')).toHaveText('Booking cancelled.');
  await expect(booking.getByText('Video call booked for')).toHaveCount(0);
  release();
  await expect(booking.getByRole('button', { name: 'Cancel booking' })).toHaveCount(0);
  await expect(booking.getByRole('status')).toHaveText('Booking cancelled.');
  // The chat is untouched by all of it.
  await sendFromBuyer(buyer, 'Thanks, I will book later.');
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('Thanks, I will book later.')).toBeVisible();
  await close();
});
