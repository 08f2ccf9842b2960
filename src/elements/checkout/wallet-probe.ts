/**
 * Asks this browser which device wallets it can pay with, through the
 * Payment Request API: the DOM half of wallet availability (the pure stage that
 * applies the answers is `walletAvailability` in `src/core/catalog/wallets.ts`).
 *
 * Never rejects and never waits longer than its timeout: every wallet ends in
 * a `WalletStatus`, so a hanging `canMakePayment()` costs the list at most the
 * timeout and the wallet is then left out.
 */
import { walletsToProbe, type DeviceWallet, type WalletAvailability, type WalletStatus } from '../../core/catalog/wallets.js';

/** How long the list waits for `canMakePayment()`. Browsers answer from memory in a few milliseconds. */
export const WALLET_PROBE_TIMEOUT_MS = 1500;

/** What the probe needs from the page; tests pass their own. */
export interface WalletProbeOptions {
  /** The Payment Request constructor; `globalThis.PaymentRequest` by default (absent outside secure contexts). */
  paymentRequest?: typeof PaymentRequest | undefined;
  /** Resolves after the timeout; a test resolves it at once to prove a hanging wallet ends in `timed_out`. */
  timeout?: () => Promise<void>;
}

function defaultTimeout(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, WALLET_PROBE_TIMEOUT_MS));
}

async function probeOne(wallet: DeviceWallet, Request: typeof PaymentRequest, timeout: () => Promise<void>): Promise<WalletStatus> {
  let request: PaymentRequest;
  try {
    // Only the method identifier matters to canMakePayment(); the total is a placeholder the buyer never sees.
    request = new Request([{ supportedMethods: wallet.supportedMethods }], { total: { label: 'Total', amount: { currency: 'USD', value: '1.00' } } });
  } catch {
    return 'unsupported';
  }
  const answer = request.canMakePayment().then(
    (can): WalletStatus => (can ? 'available' : 'unavailable'),
    (): WalletStatus => 'failed',
  );
  return Promise.race([answer, timeout().then((): WalletStatus => 'timed_out')]);
}

/**
 * The page's answers, per wallet: what this browser can pay with does not change while the page lives,
 * and asking again costs a payment-manifest lookup per mount (a store that re-mounts the checkout, or
 * a single-page app, would pay it every time). Only settled answers are kept; a timeout or failure is
 * asked again next time. Tests that pass their own PaymentRequest or clock bypass it.
 */
const pageAnswers = new WeakMap<typeof PaymentRequest, Map<string, Promise<WalletStatus>>>();

function probeOnce(wallet: DeviceWallet, Request: typeof PaymentRequest, timeout: () => Promise<void>): Promise<WalletStatus> {
  // Keyed by the constructor too, so a page (or a test) that swaps in another PaymentRequest is asked afresh.
  let answers = pageAnswers.get(Request);
  if (!answers) pageAnswers.set(Request, (answers = new Map()));
  const known = answers.get(wallet.id);
  if (known) return known;
  const answer = probeOne(wallet, Request, timeout).then((status) => {
    // Runs after the set below: probeOne always answers asynchronously.
    if (status === 'timed_out' || status === 'failed') answers.delete(wallet.id);
    return status;
  });
  answers.set(wallet.id, answer);
  return answer;
}

/** Probes the device wallets among `methodIds`, in parallel; the other ids get no answer (the stage lets them pass). */
export async function probeWallets(methodIds: readonly string[], options: WalletProbeOptions = {}): Promise<WalletAvailability> {
  const wallets = walletsToProbe(methodIds);
  if (!wallets.length) return {};
  const ownProbe = 'paymentRequest' in options || options.timeout !== undefined;
  const Request = 'paymentRequest' in options ? options.paymentRequest : globalThis.PaymentRequest;
  const timeout = options.timeout ?? defaultTimeout;
  const ask = ownProbe ? probeOne : probeOnce;
  const statuses = await Promise.all(wallets.map((wallet) => (Request ? ask(wallet, Request, timeout) : Promise.resolve<WalletStatus>('unsupported'))));
  return Object.fromEntries(wallets.map((wallet, index) => [wallet.id, statuses[index] ?? 'failed']));
}
