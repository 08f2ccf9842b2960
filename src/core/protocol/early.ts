/**
 * Responses the drop-in's entry requested before the protocol client existed
 * (see `src/early/start.ts`): kept on `globalThis` under a `Symbol.for` key,
 * keyed by URL and token, and taken at most once. A client only ever takes the
 * response to exactly the request it would have sent itself.
 */
const REGISTRY = Symbol.for('checkout-kit.early-responses');

/** Takes (and forgets) the early response to `GET url` with `token`, if the entry started one. */
export function takeEarlyResponse(url: string, token: string): Promise<Response> | undefined {
  const registry = (globalThis as Record<symbol, unknown>)[REGISTRY];
  if (!(registry instanceof Map)) return undefined;
  const key = `${url}\n${token}`;
  const response = registry.get(key) as Promise<Response> | undefined;
  registry.delete(key);
  return response;
}
