// Role-and-name queries that see through shadow roots, the way a screen reader
// perceives a page of Web Components. Names are computed by dom-accessibility-api
// (the accname algorithm Testing Library uses), roles from explicit or implicit ARIA.
import { computeAccessibleName, getRole, isInaccessible } from 'dom-accessibility-api';

function* deepElements(root: ParentNode): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

export interface RoleQuery {
  name?: string | RegExp;
  /** Include elements hidden from the accessibility tree (default false). */
  hidden?: boolean;
}

function matches(actual: string, expected: string | RegExp | undefined): boolean {
  if (expected === undefined) return true;
  return typeof expected === 'string' ? actual === expected : expected.test(actual);
}

/** Every element under `root` (shadow roots included) with `role` and a matching accessible name. */
export function queryAllByRole<T extends HTMLElement = HTMLElement>(root: ParentNode, role: string, query: RoleQuery = {}): T[] {
  const found: T[] = [];
  const start = root instanceof Element && root.shadowRoot ? [root, ...deepElements(root.shadowRoot)] : [];
  for (const element of [...start, ...deepElements(root)]) {
    if (getRole(element) !== role) continue;
    if (!query.hidden && isInaccessible(element)) continue;
    if (!matches(computeAccessibleName(element).trim(), query.name)) continue;
    found.push(element as T);
  }
  return [...new Set(found)];
}

/** The single element with `role` and name; throws with what was there otherwise. */
export function getByRole<T extends HTMLElement = HTMLElement>(root: ParentNode, role: string, query: RoleQuery = {}): T {
  const found = queryAllByRole<T>(root, role, query);
  if (found.length === 1) return found[0]!;
  const present = queryAllByRole(root, role, { hidden: query.hidden })
    .map((el) => JSON.stringify(computeAccessibleName(el)))
    .join(', ');
  throw new Error(`expected one ${role} named ${String(query.name ?? '(any)')}, found ${found.length}; ${role}s present: ${present || 'none'}`);
}
