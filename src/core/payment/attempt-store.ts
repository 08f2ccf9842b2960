/**
 * The in-progress payment attempt, kept in the tab's `sessionStorage` so that a
 * reload in the middle of a request re-sends the *same* attempt (same
 * Idempotency-Key, same body) instead of starting a second payment. Written
 * before the POST leaves, cleared once the backend gave a final answer.
 *
 * Not `localStorage`: a second tab must not silently adopt this tab's attempt,
 * and the widget must work where storage is blocked (it then simply cannot
 * survive a reload; the return URL's `ck_payment` still can).
 */
import * as z from 'zod/mini';
import { PaymentRequest } from '../protocol/payment.schema.js';
import { attemptStorageKey } from './attempt-key.js';

/** One payment attempt as the flow tracks it. */
export interface StoredAttempt {
  /** Idempotency-Key of the attempt; `null` when it was adopted from a return URL and only polled. */
  key: string | null;
  /** Method id; `''` while resuming from a return URL before the backend named it. */
  method: string;
  /** 1 for the first attempt in this checkout, 2 for the first retry ... */
  attempt: number;
  /** The backend's payment id once known; polling needs it. */
  paymentId: string | null;
  /** The exact body sent, so a re-send is byte-for-byte the same request (else the backend answers 422). */
  request: PaymentRequest | null;
}

export interface AttemptRecord {
  /** Attempts started in this checkout so far, including finished ones. */
  attempts: number;
  current: StoredAttempt | null;
}

export type AttemptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const Stored = z.object({
  v: z.literal(1),
  attempts: z.int().check(z.nonnegative()),
  current: z.nullable(
    z.object({
      key: z.nullable(z.string().check(z.minLength(1), z.maxLength(128))),
      method: z.string().check(z.maxLength(64)),
      attempt: z.int().check(z.positive()),
      paymentId: z.nullable(z.string().check(z.minLength(1), z.maxLength(512))),
      request: z.nullable(PaymentRequest),
    }),
  ),
});

const EMPTY: AttemptRecord = { attempts: 0, current: null };

/** Reads and writes one session's attempt record; every storage error degrades to "nothing stored". */
export class AttemptStore {
  readonly #key: string;

  constructor(
    private readonly storage: AttemptStorage | null | undefined,
    sessionId: string,
  ) {
    this.#key = attemptStorageKey(sessionId);
  }

  read(): AttemptRecord {
    let raw: string | null = null;
    try {
      raw = this.storage?.getItem(this.#key) ?? null;
    } catch {
      return EMPTY;
    }
    if (!raw) return EMPTY;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return EMPTY;
    }
    const parsed = Stored.safeParse(json);
    if (!parsed.success) return EMPTY;
    const { attempts, current } = parsed.data;
    return { attempts, current: current ? { ...current } : null };
  }

  write(record: AttemptRecord): void {
    try {
      this.storage?.setItem(this.#key, JSON.stringify({ v: 1, ...record }));
    } catch {
      // Quota or privacy mode: the attempt still completes, it just cannot survive a reload.
    }
  }
}
