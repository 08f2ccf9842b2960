import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { orderingStages, type MethodListStage } from '../../core/catalog/index.js';
import type { ExperimentAssignment, Session } from '../../core/protocol/session.schema.js';

/** The client-side bucketing module, loaded with the first checkout that has `experiments`. */
type Bucketing = typeof import('../../core/experiments/index.js');

/** What the controller reads from `<ck-checkout>`: its ordering attributes. */
export interface OrderingSource {
  /** The `experiments` attribute, parsed JSON (validated here). */
  experiments?: unknown;
  /** The `buyer-id` attribute: the store's own id for the buyer, for sticky client-side bucketing. */
  buyerId?: string | undefined;
  /** The `remember-method` attribute: the store opted in to listing the last method first. */
  rememberMethod: boolean;
  /** Base URL of the checkout API: remembered methods are kept per store. */
  endpoint: string;
}

/** Local storage keys. They hold an anonymous random id and a method id: nothing about the buyer. */
const UNIT_KEY = 'ck-unit-id';
const LAST_METHOD_KEY = 'ck-last-method:';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (privacy settings, sandboxed frames): ordering then works without it.
    return null;
  }
}

/**
 * The order-related state of one `<ck-checkout>`: its client-side experiments
 * (for static stores without a backend that assigns), the anonymous unit id
 * they are bucketed on, and the method this browser last paid with when the
 * store opted in. Produces the stages of the buyer's list for a session.
 */
export class OrderingController implements ReactiveController {
  /** The experiments that applied to the last list, session-assigned first. */
  assignments: readonly ExperimentAssignment[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => OrderingSource,
    private readonly reportInvalid: (message: string) => void,
  ) {
    host.addController(this);
  }

  readonly #remember = (event: Event): void => {
    const method = (event as CustomEvent<{ method?: unknown }>).detail?.method;
    const { rememberMethod, endpoint } = this.source();
    if (rememberMethod && typeof method === 'string') this.#write(LAST_METHOD_KEY + this.#storeKey(endpoint), method);
  };

  hostConnected(): void {
    this.host.addEventListener('ck-payment-succeeded', this.#remember);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('ck-payment-succeeded', this.#remember);
  }

  /**
   * The stages of `session`'s list; records which experiments apply in `assignments`. The bucketing
   * code (hash, variant choice, the definitions' schema) is its own chunk, fetched only when the store
   * sets `experiments`: most buyers' lists, and everyone's bytes before the list, go without it.
   */
  async stages(session: Session): Promise<MethodListStage[]> {
    const { experiments, buyerId, rememberMethod, endpoint } = this.source();
    const assigned = [...(session.experiments ?? [])];
    if (experiments !== undefined && experiments !== null) {
      const bucketing = await import('../../core/experiments/index.js').catch(() => null);
      // Unreachable code (offline, a deploy swapping files) costs the client-side variants, never the list.
      if (bucketing) this.#assign(bucketing, experiments, buyerId, session, assigned);
    }
    this.assignments = assigned;
    const lastUsed = rememberMethod ? this.#read(LAST_METHOD_KEY + this.#storeKey(endpoint)) : null;
    return orderingStages({ ordering: session.ordering ?? null, experiments: assigned, lastUsed });
  }

  /** Buckets this buyer into the store's valid experiments the backend did not assign, appending to `assigned`. */
  #assign(bucketing: Bucketing, experiments: unknown, buyerId: string | undefined, session: Session, assigned: ExperimentAssignment[]): void {
    const { experiments: definitions, invalid } = bucketing.parseExperimentDefinitions(experiments);
    if (invalid) this.reportInvalid(`experiments: ${invalid} invalid experiment(s) left out`);
    const unit = definitions.length ? buyerId?.trim() || this.#unitId() : '';
    for (const definition of definitions) {
      if (assigned.some((a) => a.key === definition.key)) continue; // the backend's assignment wins
      const assignment = unit ? bucketing.assignVariant(definition, unit, session.country) : null;
      if (assignment) assigned.push(assignment);
    }
  }

  /** A random id kept in this browser so a static store's buyer keeps their variant across visits. */
  #unitId(): string {
    const existing = this.#read(UNIT_KEY);
    if (existing) return existing;
    const id = crypto.randomUUID();
    this.#write(UNIT_KEY, id);
    return id;
  }

  #storeKey(endpoint: string): string {
    try {
      return new URL(endpoint, location.href).origin;
    } catch {
      return '';
    }
  }

  #read(key: string): string | null {
    try {
      return storage()?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  #write(key: string, value: string): void {
    try {
      storage()?.setItem(key, value);
    } catch {
      // A full or blocked storage only costs the remembered order.
    }
  }
}
