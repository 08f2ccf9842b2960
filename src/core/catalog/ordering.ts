/**
 * The merchant's say over the buyer's list: stages for `offeredMethods`.
 *
 *   eligible offers → regional default (only when the merchant sends no order)
 *   → merchant rules (hide, groups, pin) → experiment variant
 *   → the returning buyer's last method → degraded last.
 *
 * Every stage is pure and only reorders, except `hide`, the one explicit
 * rule that removes a method from the list. Ids that are not in the list are
 * ignored everywhere, so a rule for a method this buyer cannot use is harmless.
 */
import type { ExperimentAssignment, MethodOrdering } from '../protocol/session.schema.js';
import { degradedLast, regionalOrder, type MethodListStage, type OfferedMethod } from './offered.js';

/** What decides the order of one session's list, besides its offers. */
export interface OrderingInput {
  /** The session's `ordering`; absent means "the buyer country's usual order". */
  ordering?: MethodOrdering | null;
  /** The buyer's experiment variants, from the session or from client-side bucketing. */
  experiments?: readonly ExperimentAssignment[] | null;
  /** The method this browser last paid with, when the store opted in to remembering it. */
  lastUsed?: string | null;
}

/** `list` with the methods named in `first` (those present, once each, in that order) at the front. */
function moveToFront(list: readonly OfferedMethod[], first: readonly string[]): OfferedMethod[] {
  const byId = new Map(list.map((method) => [method.id, method]));
  const front: OfferedMethod[] = [];
  for (const id of first) {
    const method = byId.get(id);
    if (method && !front.includes(method)) front.push(method);
  }
  return [...front, ...list.filter((method) => !front.includes(method))];
}

/** Removes the methods the merchant hides. The only stage that drops anything. */
export function hideMethods(hidden: readonly string[]): MethodListStage {
  const set = new Set(hidden);
  return (methods) => methods.filter((method) => !set.has(method.id));
}

/**
 * Keeps each group's members next to each other, in the group's order, at the
 * position of the member that came first. A method in two groups stays with the first.
 */
export function groupMethods(groups: readonly (readonly string[])[]): MethodListStage {
  return (methods) => {
    const groupOf = new Map<string, number>();
    groups.forEach((group, index) => group.forEach((id) => groupOf.has(id) || groupOf.set(id, index)));
    const out: OfferedMethod[] = [];
    const placed = new Set<number>();
    for (const method of methods) {
      const group = groupOf.get(method.id);
      if (group === undefined) {
        out.push(method);
        continue;
      }
      if (placed.has(group)) continue;
      placed.add(group);
      const members = (groups[group] ?? []).filter((id) => groupOf.get(id) === group);
      out.push(...members.flatMap((id) => methods.filter((m) => m.id === id)));
    }
    return out;
  };
}

/** Pinned methods first, in the pin order. */
export function pinMethods(pinned: readonly string[]): MethodListStage {
  return (methods) => moveToFront(methods, pinned);
}

/** The merchant's rules in their fixed order: hide, then groups, then pins (a pin wins over a group). */
export function merchantRules(ordering: MethodOrdering): MethodListStage[] {
  const stages: MethodListStage[] = [];
  if (ordering.hide?.length) stages.push(hideMethods(ordering.hide));
  if (ordering.groups?.length) stages.push(groupMethods(ordering.groups));
  if (ordering.pin?.length) stages.push(pinMethods(ordering.pin));
  return stages;
}

/**
 * Each assigned variant's `order` in turn (methods it names first). A control
 * variant names nothing and leaves the list as it is. Pinned methods stay in
 * front: the merchant's pin is a promise, an experiment varies what follows it.
 */
export function experimentOrder(experiments: readonly ExperimentAssignment[], pinned: readonly string[] = []): MethodListStage {
  return (methods) => {
    const pins = new Set(pinned);
    const front = methods.filter((method) => pins.has(method.id));
    let rest: readonly OfferedMethod[] = methods.filter((method) => !pins.has(method.id));
    for (const experiment of experiments) if (experiment.order?.length) rest = moveToFront(rest, experiment.order);
    return [...front, ...rest];
  };
}

/**
 * The method this browser last paid with goes first, after the merchant's
 * pins. In an experiment it applies to every variant alike, so the comparison stays fair.
 */
export function lastUsedFirst(id: string, pinned: readonly string[] = []): MethodListStage {
  return (methods) => {
    const pins = new Set(pinned);
    const index = methods.findIndex((method) => method.id === id);
    if (index < 0 || pins.has(id)) return methods;
    const method = methods[index]!;
    const rest = methods.filter((_, i) => i !== index);
    const after = rest.findIndex((m) => !pins.has(m.id));
    const at = after < 0 ? rest.length : after;
    return [...rest.slice(0, at), method, ...rest.slice(at)];
  };
}

/**
 * The whole pipeline for one session. The regional order runs only where the
 * merchant says nothing (`ordering` absent or `source: 'regional'`); merchant
 * rules apply over either starting order. Degraded methods are always last:
 * a slow channel goes down even when pinned.
 */
export function orderingStages({ ordering, experiments, lastUsed }: OrderingInput): MethodListStage[] {
  const pinned = ordering?.pin ?? [];
  const stages: MethodListStage[] = [];
  if (ordering?.source !== 'merchant') stages.push(regionalOrder);
  if (ordering) stages.push(...merchantRules(ordering));
  if (experiments?.length) stages.push(experimentOrder(experiments, pinned));
  if (lastUsed) stages.push(lastUsedFirst(lastUsed, pinned));
  stages.push(degradedLast);
  return stages;
}
