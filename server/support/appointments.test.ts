/**
 * Booked video calls with fixed clocks: a buyer in Asia/Jakarta (UTC+7)
 * books a store in America/Sao_Paulo (UTC−3, open 09:00–18:00 on weekdays).
 * Slots come from the merchant's hours and are shown in the buyer's zone;
 * one buyer per slot; reschedule, cancel, the agent's list, and the prompt
 * to join when the slot starts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServers, type TestServers } from '../test-support.js';
import { groupSlots, bookingLabel } from '../../src/core/support/call/slots.js';
import type { BusinessHours } from './hours.js';
import { freeSlots } from './appointments.js';
import { agentClient, buyerClient, startConversation } from './test-client.js';

const WEEKDAY: [string, string][] = [['09:00', '18:00']];
const HOURS: BusinessHours = { timeZone: 'America/Sao_Paulo', weekly: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY }, holidays: ['2026-12-25'] };
/** Monday 7 December 2026, 08:00 in São Paulo = 18:00 in Jakarta. */
const MONDAY_0800_SP = Date.parse('2026-12-07T11:00:00Z');

describe('appointments: slots from the merchant\'s hours', () => {
  it('offers 30-minute slots inside São Paulo\'s hours, shown in Jakarta time, none on weekends or holidays', () => {
    const slots = freeSlots(HOURS, MONDAY_0800_SP, new Set());
    assert.equal(new Date(slots[0]!).toISOString(), '2026-12-07T12:00:00.000Z', '09:00 in São Paulo is the first');
    assert.ok(slots.includes(Date.parse('2026-12-07T20:30:00Z')), '17:30 São Paulo is the last slot of the day');
    assert.ok(!slots.includes(Date.parse('2026-12-07T21:00:00Z')), '18:00 São Paulo is closed');
    assert.equal(slots.filter((t) => new Date(t).getUTCDay() === 6).length, 0, 'no Saturday slot');
    assert.equal(slots.length, 5 * 18, 'five weekdays × 18 slots in the 7-day window');

    const days = groupSlots(slots.map((t) => new Date(t).toISOString()), 'en', 'Asia/Jakarta');
    assert.equal(days[0]!.label, 'Monday, December 7');
    assert.equal(days[0]!.times[0]!.label, '7:00 PM', '09:00 in São Paulo is 19:00 in Jakarta');
    // 17:30 in São Paulo is 03:30 on Tuesday in Jakarta: the buyer's day, not the merchant's.
    assert.equal(days[0]!.times.at(-1)!.label, '11:30 PM');
    assert.equal(days[1]!.label, 'Tuesday, December 8');
    assert.equal(days[1]!.times[0]!.label, '12:00 AM');
    assert.equal(groupSlots(['2026-12-07T12:00:00.000Z'], 'id', 'Asia/Jakarta')[0]!.times[0]!.label, '19.00');
    assert.equal(bookingLabel('2026-12-07T12:00:00.000Z', 'en', 'Asia/Jakarta'), 'Monday, December 7 at 7:00 PM');
  });

  it('needs the lead time, and treats no business hours as always open', () => {
    const at0920 = Date.parse('2026-12-07T12:20:00Z');
    assert.equal(new Date(freeSlots(HOURS, at0920, new Set())[0]!).toISOString(), '2026-12-07T13:00:00.000Z', '09:30 is too soon at 09:20 (15 minutes ahead at least)');
    assert.equal(freeSlots(null, MONDAY_0800_SP, new Set(), 1).length, 47);
  });
});

describe('appointments over HTTP', () => {
  let servers: TestServers;
  let base: string;
  let now = MONDAY_0800_SP;
  before(async () => {
    servers = await startTestServers({ now: () => now, support: { hours: HOURS } });
    base = `${servers.apiUrl}/support/v1`;
  });
  after(() => servers.dispose());

  const call = async (credential: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>) };
  };

  it('books, refuses a taken slot, reschedules, cancels, lists for agents and prompts both sides when the slot starts', async () => {
    const jakarta = await startConversation(base, { locale: 'id', timeZone: 'Asia/Jakarta' });
    const other = await startConversation(base, { locale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    const offer = await call(jakarta.credential, 'GET', '/appointments');
    assert.equal(offer.status, 200);
    assert.equal((offer.body!['slots'] as string[])[0], '2026-12-07T12:00:00.000Z');
    assert.equal(offer.body!['booking'], null);

    const booked = await call(jakarta.credential, 'POST', '/appointments', { startsAt: '2026-12-07T12:00:00.000Z' });
    assert.equal(booked.status, 201);
    assert.equal(booked.body!['timeZone'], 'Asia/Jakarta');
    assert.equal(booked.body!['endsAt'], '2026-12-07T12:30:00.000Z');
    assert.equal((await call(other.credential, 'POST', '/appointments', { startsAt: '2026-12-07T12:00:00.000Z' })).status, 404, 'one buyer per slot');
    assert.ok(!((await call(other.credential, 'GET', '/appointments')).body!['slots'] as string[]).includes('2026-12-07T12:00:00.000Z'));
    for (const bad of [{ startsAt: '2026-12-07T21:00:00.000Z' }, { startsAt: '2026-12-12T12:00:00.000Z' }, { startsAt: 'soon' }, {}]) {
      assert.ok([400, 404].includes((await call(other.credential, 'POST', '/appointments', bad)).status), JSON.stringify(bad));
    }

    // Reschedule: the new slot replaces the old one, which is free again.
    const moved = await call(jakarta.credential, 'POST', '/appointments', { startsAt: '2026-12-07T13:00:00.000Z' });
    assert.equal(moved.status, 201);
    assert.equal(((await call(jakarta.credential, 'GET', '/appointments')).body!['booking'] as { id: string }).id, moved.body!['id']);
    assert.equal((await call(other.credential, 'POST', '/appointments', { startsAt: '2026-12-07T12:00:00.000Z' })).status, 201);

    const agentList = await fetch(`${servers.apiUrl}/agent/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'ana', password: 'sandbox-agent-ana' }) });
    const { token } = (await agentList.json()) as { token: string };
    const list = (await (await fetch(`${servers.apiUrl}/agent/api/appointments`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { appointments: { startsAt: string; timeZone: string }[] };
    assert.deepEqual(list.appointments.map((a) => [a.startsAt, a.timeZone]), [['2026-12-07T12:00:00.000Z', 'America/Sao_Paulo'], ['2026-12-07T13:00:00.000Z', 'Asia/Jakarta']]);

    // 10:00 in São Paulo: the Jakarta buyer's slot starts; the bubble and the console are prompted.
    const buyer = await buyerClient(`${base.replace(/^http/, 'ws')}/ws`, jakarta.credential);
    await buyer.next('welcome');
    const agent = await agentClient(servers.apiUrl);
    await agent.next('welcome');
    now = Date.parse('2026-12-07T13:00:05Z');
    await servers.support.service.appointments.announceDue();
    const due = await buyer.next('signal');
    assert.equal(due.payload['kind'], 'due');
    assert.equal(due.payload['startsAt'], '2026-12-07T13:00:00.000Z');
    await agent.next('signal', (f) => f.payload['kind'] === 'due' && f.conversationId === jakarta.conversationId);

    const cancelled = await call(jakarta.credential, 'DELETE', `/appointments/${String(moved.body!['id'])}`);
    assert.equal(cancelled.status, 204);
    assert.equal((await call(jakarta.credential, 'GET', '/appointments')).body!['booking'], null);
    assert.equal((await call(jakarta.credential, 'DELETE', `/appointments/${String(moved.body!['id'])}`)).status, 404);
    await Promise.all([buyer.close(), agent.close()]);
  });
});
