/**
 * How a picker lays out a long list: the top methods stay in view, the rest
 * sit behind "More payment methods" in groups by type. Pure, so the rules are
 * tested without rendering.
 */
import type { MethodType } from '../protocol/schemas.js';
import type { OfferedMethod } from './offered.js';

/** Headings of the "more" section; several protocol types share one ("Pay in cash"). */
export const METHOD_GROUPS = ['card', 'wallet', 'qr', 'bank', 'transfer', 'bnpl', 'cash'] as const;
export type MethodGroup = (typeof METHOD_GROUPS)[number];

const GROUP_OF: Record<MethodType, MethodGroup> = {
  card: 'card',
  wallet: 'wallet',
  qr: 'qr',
  bank_redirect: 'bank',
  bank_transfer: 'transfer',
  bnpl: 'bnpl',
  voucher: 'cash',
  cash_on_delivery: 'cash',
};

/** The heading a method type is listed under. */
export function groupOf(type: MethodType): MethodGroup {
  return GROUP_OF[type];
}

/** Up to this many methods are listed flat, without groups or a "more" button. */
export const FLAT_LIMIT = 8;
/** How many methods stay in view above the "more" button. */
export const TOP_COUNT = 4;

export interface MethodLayout {
  /** Whether the list is long enough for the "more" button, groups and search. */
  collapsible: boolean;
  /** Shown first, ungrouped; the whole list when it is not collapsible. */
  top: OfferedMethod[];
  /** Behind "more": the remaining available methods, grouped, groups in order of their first method. */
  groups: { group: MethodGroup; methods: OfferedMethod[] }[];
  /** Behind "more", after the groups: degraded methods, so they come last whatever their type. */
  degraded: OfferedMethod[];
}

/**
 * Splits an ordered list (from `offeredMethods`) into what is always visible
 * and what is behind "more". Order within each part is the input's order.
 */
export function layoutMethods(methods: readonly OfferedMethod[]): MethodLayout {
  if (methods.length <= FLAT_LIMIT) return { collapsible: false, top: [...methods], groups: [], degraded: [] };
  const available = methods.filter((method) => !method.degraded);
  const groups = new Map<MethodGroup, OfferedMethod[]>();
  for (const method of available.slice(TOP_COUNT)) {
    const group = groupOf(method.type);
    const members = groups.get(group);
    if (members) members.push(method);
    else groups.set(group, [method]);
  }
  return {
    collapsible: true,
    top: available.slice(0, TOP_COUNT),
    groups: [...groups].map(([group, members]) => ({ group, methods: members })),
    degraded: methods.filter((method) => method.degraded),
  };
}

/**
 * Folds text for a forgiving search: case, accents, width and punctuation do
 * not matter ("touch n go" finds "Touch ’n Go eWallet", "ideal" finds "iDEAL").
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
