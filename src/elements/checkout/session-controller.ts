import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ProtocolClient, type ParsedSession, type ProtocolFault } from '../../core/protocol/client.js';
import { problemOf, type SessionProblem } from '../../core/checkout/checkout-state.js';

export type { SessionProblem };

export type SessionView =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; session: ParsedSession }
  | { status: 'problem'; problem: SessionProblem; fault: ProtocolFault | null };

/** What the host tells the controller: its attributes, validated by the host. */
export interface SessionSource {
  endpoint: string;
  token: string;
}

/**
 * Owns the protocol client and the session of one `<ck-checkout>`: loading,
 * reloading and token rotation live here so the element only renders.
 */
export class SessionController implements ReactiveController {
  view: SessionView = { status: 'idle' };
  #client: ProtocolClient | null = null;
  #source: SessionSource | null = null;
  #abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The client for the current endpoint; null until a valid source was given. */
  get client(): ProtocolClient | null {
    return this.#client;
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /**
   * Points the controller at an endpoint and token. A new token for the same
   * endpoint only rotates the token: the loaded session and the buyer's choices stay.
   * @returns whether only the token changed
   */
  use(source: SessionSource): boolean {
    const sameEndpoint = this.#source?.endpoint === source.endpoint && this.#client !== null;
    this.#source = source;
    if (sameEndpoint && this.#client) {
      this.#client.token = source.token;
      return true;
    }
    this.#client = new ProtocolClient({ endpoint: source.endpoint, token: source.token });
    return false;
  }

  /** Marks the checkout unusable for `problem` (bad attributes, code that could not be fetched) without a network call. */
  fail(problem: SessionProblem): void {
    this.#abort?.abort();
    this.view = { status: 'problem', problem, fault: null };
    this.host.requestUpdate();
  }

  /** (Re)loads the session; the previous request, if any, is abandoned. */
  async load(): Promise<SessionView> {
    const client = this.#client;
    if (!client) return this.view;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    if (this.view.status !== 'loaded') {
      this.view = { status: 'loading' };
      this.host.requestUpdate();
    }
    const outcome = await client.getSession(abort.signal);
    if (abort.signal.aborted) return this.view;
    if (outcome.ok) {
      this.view = outcome.value.paymentMethods.length
        ? { status: 'loaded', session: outcome.value }
        : { status: 'problem', problem: 'no_methods', fault: null };
    } else {
      this.view = { status: 'problem', problem: problemOf(outcome.fault), fault: outcome.fault };
    }
    this.host.requestUpdate();
    return this.view;
  }
}
