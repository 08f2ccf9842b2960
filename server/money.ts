/** Minor units per ISO 4217 currency, from the platform's ICU data with the few cases it gets wrong for payments. */

/** Where payment practice differs from ICU's display default. */
const OVERRIDES: Readonly<Record<string, number>> = {
  // ICU formats these without decimals, but ISO 4217 (and every PSP API) uses 2.
  IDR: 2,
  COP: 2,
  HUF: 2,
  TWD: 2,
};

export function minorUnitsOf(currency: string): number {
  const override = OVERRIDES[currency];
  if (override !== undefined) return override;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** True when the runtime knows the ISO 4217 code (an unknown one formats as the code itself). */
export function isKnownCurrency(currency: string): boolean {
  return (Intl.supportedValuesOf('currency') as readonly string[]).includes(currency);
}

/** Formats an amount in minor units for server-rendered pages. */
export function formatMinor(value: number, currency: string, locale: string | null | undefined): string {
  const digits = minorUnitsOf(currency);
  return new Intl.NumberFormat(locale ?? 'en', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value / 10 ** digits);
}
