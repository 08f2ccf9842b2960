import type { ReactiveControllerHost } from 'lit';
import { loadCatalog, localizedText, offeredMethods, type OfferedMethod } from '../../core/catalog/index.js';
import { walletAvailability } from '../../core/catalog/wallets.js';
import { warmTranslations, type MessageKey, type MessageValues } from '../../core/i18n/i18n.js';
import type { ParsedSession } from '../../core/protocol/client.js';
import type { PaymentMethodOffer } from '../../core/protocol/session.schema.js';
import { yieldToBrowser } from '../base/scheduling.js';
import { OrderingController, type OrderingSource } from './ordering-controller.js';
import { probeWallets } from './wallet-probe.js';

/**
 * The buyer's list of one `<ck-checkout>`, computed once per session load from the catalog of the
 * buyer's country, the wallets this browser can pay with and the store's order (OrderingController):
 * the picker, `ck-ready`, the fallbacks and every method name the checkout says all read it.
 * No lifecycle of its own (the ordering controller follows the host): the host asks for a list and renders it.
 */
export class BuyerList {
  /** The buyer's methods, in the order shown. */
  methods: readonly OfferedMethod[] = [];
  /** False from a session's arrival until its region order and language are loaded. */
  ready = false;
  /** The store's order and experiments; `assignments` are the variants that decided the last list. */
  readonly ordering: OrderingController;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    source: () => OrderingSource,
    reportInvalid: (message: string) => void,
  ) {
    this.ordering = new OrderingController(host, source, reportInvalid);
  }

  /**
   * Computes `session`'s list. It waits for the region's order and the language (`prepareLanguage`): a list
   * that re-sorts or changes language under the pointer can turn a click into a choice the buyer did not make.
   * Apple Pay and Google Pay are asked about meanwhile: a wallet this browser cannot pay with is nowhere in it.
   */
  async load(session: ParsedSession, prepareLanguage: () => Promise<unknown>): Promise<readonly OfferedMethod[]> {
    const offered = session.paymentMethods.map((offer) => offer.id);
    const [catalog, wallets, ordering] = await Promise.all([
      loadCatalog(session.country),
      probeWallets(offered),
      this.ordering.stages(session),
      prepareLanguage(),
      // i18next's set-up in a task of its own, while the list's order and language arrive, not in the render's.
      yieldToBrowser().then(warmTranslations),
    ]);
    const input = { offers: session.paymentMethods, country: session.country, amount: session.amount, catalog };
    this.methods = offeredMethods(input, [walletAvailability(wallets), ...ordering]);
    // No requestUpdate here: the host renders the list with the choice it makes from it, in one update.
    this.ready = true;
    return this.methods;
  }

  /** `session`'s offers in the order of the buyer's list. */
  offers(session: ParsedSession | null): PaymentMethodOffer[] {
    const offers = new Map(session?.paymentMethods.map((offer) => [offer.id, offer]));
    return this.methods.flatMap((method) => offers.get(method.id) ?? []);
  }

  /** The buyer-facing name of a method, as the picker shows it. */
  label(id: string, session: ParsedSession | null, t: (key: MessageKey, values?: MessageValues) => string, locale: string): string {
    const method = this.methods.find((m) => m.id === id);
    if (!method) return session?.paymentMethods.find((m) => m.id === id)?.name ?? id;
    const name = method.name;
    return name.kind === 'key' ? t(`catalog:method.${name.key}` as MessageKey) : localizedText(name, locale);
  }
}
