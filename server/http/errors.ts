/**
 * The one error envelope `{ error: { code, message } }` for every non-2xx
 * answer of the checkout and merchant APIs. Handlers throw {@link ApiError};
 * the error handler turns it (and anything unexpected) into the envelope.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ErrorEnvelope, type ErrorCode } from '../../src/core/protocol/schemas.js';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. `Retry-After` on 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorEnvelope {
  return ErrorEnvelope.parse({ error: { code, message } });
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string): Response {
  return c.json(errorBody(code, message), status);
}

/** Hono `onError` handler shared by every listener. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return errorResponse(c, error.status, error.code, error.message);
  }
  console.error('[checkout-kit server]', error);
  return errorResponse(c, 500, 'internal_error', 'Something went wrong on our side. Nothing was charged twice; try again.');
}

/** Reads a JSON body, answering 400 `invalid_request` when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return (await c.req.json()) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_request', 'The request body must be JSON.');
  }
}

/** Formats the first few zod issues for an error message a developer can act on. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
