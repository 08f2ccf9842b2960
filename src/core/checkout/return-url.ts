/**
 * The store page's URL as the checkout reads and writes it: the payment id a
 * redirect brings back, and the endpoint attribute. Pure string work on
 * `URL`, so it runs and is tested in Node.
 */

/** Query parameter the backend appends to the return URL: the payment the buyer comes back from. */
export const RETURN_PARAM = 'ck_payment';

/** The payment id a redirect brought back (`?ck_payment=…`), or null. */
export function returnedPaymentId(href: string): string | null {
  try {
    return new URL(href).searchParams.get(RETURN_PARAM);
  } catch {
    return null;
  }
}

/** The page URL without the return parameter: where the next redirect should come back to. */
export function withoutReturnParam(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(RETURN_PARAM);
  return url.href;
}

/**
 * The checkout API base URL from the `endpoint` attribute: an absolute or
 * page-relative http(s) URL, without trailing slashes; null for anything else
 * (`javascript:`, `data:`, garbage).
 */
export function parseEndpoint(value: string, base?: string): string | null {
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}
