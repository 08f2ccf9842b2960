/**
 * The dashboard's strings, through a private i18next instance like the
 * widget's. The dashboard is for the merchant's product and payments teams
 * and ships in English only (docs/experiments.md says so); a translation is
 * one more resource object with the same keys, which the type below checks.
 */
import { createInstance, type TOptions } from 'i18next';

export const en = {
  title: 'Checkout dashboard',
  login: {
    title: 'Sign in to the checkout dashboard',
    secret: 'Merchant secret',
    submit: 'Sign in',
    wrong: 'That is not the merchant secret.',
    tooMany: 'Too many wrong attempts. Wait a few minutes and try again.',
    signOut: 'Sign out',
  },
  nav: { experiments: 'Experiments', monitoring: 'Payment monitoring' },
  experiments: {
    none: 'No experiment has exposed any buyer yet.',
    heading: 'Experiment {{key}}',
    variants: 'Variants of {{key}}',
    statistics: 'Each variant against {{control}} ({{key}})',
    chart: 'Cumulative conversion per day, {{key}}',
    plan: 'Plan: {{planned}} sessions per variant to detect a {{mde}} relative change from a {{baseline}} baseline{{observed}} (α {{alpha}}, power {{power}}). Smallest variant so far: {{progress}}.',
    planImpossible: 'No sample size can be planned for a {{baseline}} baseline and a {{mde}} change; set a plan through the merchant API.',
    observed: ' (observed in control; set your own with PUT /merchant/v1/experiments/{key}/plan)',
    srmOk: 'Sample ratio check: χ² {{chi}}, p {{p}}: the split looks as configured.',
    srmAlarm: 'Sample ratio mismatch: χ² {{chi}}, p {{p}} (below 0.001). The variants did not get the share of buyers they were configured for, so assignment or event logging is broken. No verdict until that is fixed.',
    col: {
      variant: 'Variant',
      exposed: 'Exposed sessions',
      converted: 'Paid sessions',
      conversion: 'Conversion (95% interval)',
      revenuePerSession: 'Revenue per session',
      aov: 'Average order value',
      failureRate: 'Payment failure rate',
      timeToPay: 'Time to pay, median / 95th percentile',
      difference: 'Difference in conversion (95% interval)',
      fixedP: 'Fixed-horizon p-value',
      sequentialP: 'Always-valid p-value',
      sequentialInterval: 'Always-valid 95% interval',
    },
  },
  verdict: {
    no_data: 'No data yet: nobody has been exposed.',
    srm: 'No verdict: the sample ratio mismatch above must be fixed first.',
    winner: '{{variant}} converts better than control by {{difference}}. The {{by}} test is conclusive: you can roll it out.',
    control_wins: 'Control converts better: {{variant}} loses {{difference}}. The {{by}} test is conclusive: keep control.',
    too_early:
      'Too early to call: {{variant}} looks different, but only {{progress}} of the {{planned}} planned sessions per variant have been seen and the always-valid test is not convinced. Keep running; an early fixed-horizon p-value is how false winners are made.',
    keep_running: 'Keep running: no conclusive difference yet ({{progress}} of {{planned}} planned sessions per variant).',
    keep_running_unplanned: 'Keep running: no conclusive difference yet ({{progress}} sessions in the smallest variant).',
    no_difference: 'No difference of the planned size: {{planned}} sessions per variant were reached and neither test found one. Choose on other grounds.',
    by_sequential: 'always-valid sequential',
    by_fixed: 'fixed-horizon (at the planned size)',
  },
  monitoring: {
    heading: 'Payment monitoring',
    summary: 'Success rate per method and country, {{minutes}}-minute windows',
    none: 'No payment attempts in the last {{minutes}} minutes.',
    chart: 'Success rate per {{minutes}}-minute window',
    codes: 'Failure codes',
    alerts: 'Alerts',
    noAlerts: 'No alerts raised.',
    rule: 'Alert rule: success below {{threshold}} on at least {{minAttempts}} attempts for {{windows}} windows in a row; webhook {{url}}; mark degraded: {{degraded}}.',
    noUrl: 'not set',
    yes: 'yes',
    no: 'no',
    col: {
      method: 'Method',
      country: 'Country',
      lastWindow: 'Success rate, last closed window',
      succeeded: 'Succeeded',
      failed: 'Failed',
      buyerCaused: 'Cancelled or expired by the buyer',
      open: 'Not final yet',
      p50: 'Submit to result, median',
      p95: 'Submit to result, 95th percentile',
      degraded: 'Marked degraded',
      code: 'Failure code',
      count: 'Attempts',
      raised: 'Raised',
      delivered: 'Delivered',
    },
  },
  csv: 'Download {{name}} as CSV',
  none: '–',
} as const;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Every key of the dashboard's strings: a missing one fails the type check. */
export type DashboardKey = Leaves<typeof en>;

const i18n = createInstance();
// Resources are in memory, so init completes synchronously; its promise only mirrors that, and the
// catch keeps a (logged) bad resource from becoming an unhandled rejection.
i18n
  .init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } })
  .catch((error: unknown) => console.error('[checkout-kit dashboard] strings', error));

/** A dashboard string; interpolated values are escaped by the HTML template, not here. */
export function t(key: DashboardKey, options?: TOptions): string {
  return i18n.t(key, options ?? {});
}
