/**
 * What the OTHER instances report of their connections: which agents are
 * signed in there (online or away) and which conversations have a buyer
 * connected there. Each instance reports at once when that changes and every
 * few seconds (bus.ts `pres`, `buyer`, `bye`); a report counts until it
 * expires, so a crashed instance's agents and buyers disappear on their own
 * (docs/support.md, "Several instances": why reports and not a table).
 * Expiry is by the wall clock, as reports are sent by a real timer.
 */
import type { AgentPresence } from './bus.js';

/** Each instance reports this often… */
export const PRESENCE_REFRESH_MS = 10_000;
/** …and a report counts this long (three missed reports: the instance is gone). */
export const PRESENCE_TTL_MS = 30_000;

interface Report {
  agents: Map<string, AgentPresence>;
  buyers: Set<string>;
  expiresAt: number;
}

/** What a change means for this instance: tell the consoles the agent list, re-announce these conversations. */
export interface PresenceChange {
  agents: boolean;
  conversations: string[];
}

export class RemotePresence {
  readonly #reports = new Map<string, Report>();
  readonly #onChange: (change: PresenceChange) => void;
  readonly #clock: () => number;

  constructor(onChange: (change: PresenceChange) => void, clock: () => number = Date.now) {
    this.#onChange = onChange;
    this.#clock = clock;
  }

  /** An instance's full report: replaces what it said before. */
  report(instance: string, agents: Map<string, AgentPresence>, buyers: Set<string>): void {
    const before = this.#reports.get(instance);
    const agentsBefore = JSON.stringify([...(before?.agents ?? [])].sort());
    const buyersBefore = new Set(before?.buyers ?? []);
    this.#reports.set(instance, { agents, buyers, expiresAt: this.#clock() + PRESENCE_TTL_MS });
    const conversations = [...new Set([...buyersBefore, ...buyers])].filter((id) => buyersBefore.has(id) !== buyers.has(id));
    const agentsChanged = JSON.stringify([...agents].sort()) !== agentsBefore;
    if (agentsChanged || conversations.length) this.#onChange({ agents: agentsChanged, conversations });
  }

  /** A buyer connected to (`on`) or left `instance` (the conversation is announced by the same publish). */
  buyer(instance: string, conversationId: string, on: boolean): void {
    let report = this.#reports.get(instance);
    if (!report) this.#reports.set(instance, (report = { agents: new Map(), buyers: new Set(), expiresAt: 0 }));
    report.expiresAt = this.#clock() + PRESENCE_TTL_MS;
    if (on) report.buyers.add(conversationId);
    else report.buyers.delete(conversationId);
  }

  /** An instance said goodbye, or stopped reporting. */
  forget(instance: string): void {
    const report = this.#reports.get(instance);
    if (!report) return;
    this.#reports.delete(instance);
    if (report.agents.size || report.buyers.size) this.#onChange({ agents: report.agents.size > 0, conversations: [...report.buyers] });
  }

  /** Forgets the instances whose last report expired. */
  expire(): void {
    const now = this.#clock();
    for (const [instance, report] of this.#reports) if (report.expiresAt <= now) this.forget(instance);
  }

  /** Agents signed in on other instances, with their presence there (one entry per instance and agent). */
  *agents(): Iterable<[string, AgentPresence]> {
    const now = this.#clock();
    for (const report of this.#reports.values()) if (report.expiresAt > now) yield* report.agents;
  }

  /** Whether another instance has the conversation's buyer connected. */
  hasBuyer(conversationId: string): boolean {
    const now = this.#clock();
    for (const report of this.#reports.values()) if (report.expiresAt > now && report.buyers.has(conversationId)) return true;
    return false;
  }
}
