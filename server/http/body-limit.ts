/**
 * One request-body limit for every route of both listeners. Hono's bodyLimit
 * trusts a Content-Length and otherwise counts the streamed bytes, stopping at
 * the limit, so a 100 MB chunked upload is never read whole.
 */
import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/** 64 KB: the largest legitimate body (an analytics batch) is well under it. */
export const MAX_BODY_BYTES = 64 * 1024;

/** 413 `invalid_request` in the error envelope for any body over {@link MAX_BODY_BYTES}. */
export function limitBody(maxBytes: number = MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      // The rest of the body is not read: close the connection rather than let a client re-use a half-read socket.
      throw new ApiError(413, 'invalid_request', `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`, { Connection: 'close' });
    },
  });
}
