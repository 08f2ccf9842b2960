/**
 * Device wallets (Apple Pay, Google Pay): methods the browser itself pays
 * with, through the Payment Request API. A session may offer them anywhere,
 * but a buyer can only use them where the browser says it can
 * (`PaymentRequest.canMakePayment()`), so the list drops them elsewhere.
 *
 * What the browser says is found out by a probe outside core (it needs the
 * DOM, see `src/elements/checkout/wallet-probe.ts`); this module holds the data
 * the probe asks about and the pure stage that applies its answers.
 */
import type { MethodListStage } from './offered.js';

/** A wallet method the browser pays with, and how the Payment Request API names it. */
export interface DeviceWallet {
  /** Catalog id (`apple_pay`). */
  readonly id: string;
  /** The Payment Request API's payment method identifier (a URL the wallet's owner publishes). */
  readonly supportedMethods: string;
}

/** Every wallet the browser pays with, by catalog id: the one list the probe and the stage read. */
export const DEVICE_WALLETS: Readonly<Record<string, DeviceWallet>> = {
  apple_pay: { id: 'apple_pay', supportedMethods: 'https://apple.com/apple-pay' },
  google_pay: { id: 'google_pay', supportedMethods: 'https://google.com/pay' },
};

/** The device wallet behind a method id, or undefined for every other method. */
export function deviceWallet(id: string): DeviceWallet | undefined {
  return Object.hasOwn(DEVICE_WALLETS, id) ? DEVICE_WALLETS[id] : undefined;
}

/**
 * What the probe found out for one wallet:
 * - `available`: `canMakePayment()` resolved true;
 * - `unavailable`: it resolved false;
 * - `unsupported`: no Payment Request API here (old browser, insecure page, a frame without `allow="payment"`),
 *   or the browser refused the request outright;
 * - `timed_out`: `canMakePayment()` did not answer in time (a hanging wallet must not hold the list);
 * - `failed`: `canMakePayment()` rejected.
 */
export type WalletStatus = 'available' | 'unavailable' | 'unsupported' | 'timed_out' | 'failed';

/** The probe's answers, by method id. A wallet without an answer counts as not available. */
export type WalletAvailability = Readonly<Record<string, WalletStatus>>;

/** The device wallets among `ids` (a session's offers), in that order, once each: what the probe should ask about. */
export function walletsToProbe(ids: readonly string[]): DeviceWallet[] {
  const wallets: DeviceWallet[] = [];
  for (const id of ids) {
    const wallet = deviceWallet(id);
    if (wallet && !wallets.includes(wallet)) wallets.push(wallet);
  }
  return wallets;
}

/**
 * Drops the device wallets this browser cannot pay with. Runs first, before any
 * ordering, so a wallet that cannot be used is nowhere: not on screen, not in
 * `ck-ready.detail.methods`, not among the fallbacks after a failure. Every other
 * method passes untouched.
 */
export function walletAvailability(availability: WalletAvailability): MethodListStage {
  return (methods) => methods.filter((method) => !deviceWallet(method.id) || availability[method.id] === 'available');
}
