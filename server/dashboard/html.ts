/**
 * The dashboard's pages, rendered on the server. Every interpolated value
 * goes through `escapeHtml`; chart data travels as inert JSON
 * (`<script type="application/json">`, `<` escaped) and is drawn by the one
 * script the page's CSP allows, /dashboard/assets/dashboard.js, with uPlot.
 */
import type { Board } from '../analytics/monitoring.js';
import type { ExperimentReport } from '../analytics/report.js';
import type { Verdict } from '../analytics/stats/index.js';
import type { AlertRecord, AlertSettings } from '../db/monitoring.js';
import { escapeHtml } from '../sandbox/html.js';
import { t } from './strings.js';

const count = (n: number): string => new Intl.NumberFormat('en').format(n);
import { experimentTables, formatP, formatPercent, formatPoints, monitoringTables, ruleText, type Table } from './tables.js';

/** One uPlot chart: x in seconds (uPlot's time scale), one series per line. */
export interface ChartData {
  id: string;
  title: string;
  x: number[];
  series: { label: string; values: (number | null)[] }[];
}

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

function shell(title: string, body: string, charts?: ChartData[]): string {
  const data = charts ? `<script type="application/json" id="ck-dashboard-charts">${JSON.stringify(charts).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}</script>
<script src="/dashboard/assets/uPlot.iife.min.js"></script>
<script src="/dashboard/assets/dashboard.js"></script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/uPlot.min.css">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>
<body>
${body}
${data}
</body>
</html>`;
}

export function loginPage(error?: 'wrong' | 'tooMany'): string {
  const message = error ? `<p role="alert" class="error">${escapeHtml(error === 'wrong' ? t('login.wrong') : t('login.tooMany'))}</p>` : '';
  return shell(
    t('login.title'),
    `<main class="login">
<h1>${escapeHtml(t('login.title'))}</h1>
${message}
<form method="post" action="/dashboard/login">
<label for="secret">${escapeHtml(t('login.secret'))}</label>
<input id="secret" name="secret" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(t('login.submit'))}</button>
</form>
</main>`,
  );
}

function tableHtml(table: Table): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell.text)}</th>` : `<td>${escapeHtml(cell.text)}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<div class="table-wrap"><table id="table-${escapeHtml(table.id)}">
<caption>${escapeHtml(table.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>${body}</tbody>
</table></div>
<p class="export"><a href="/dashboard/export/${encodeURIComponent(table.id)}.csv" download>${escapeHtml(t('csv', { name: table.caption }))}</a></p>`;
}

export function verdictText(verdict: Verdict, report: ExperimentReport): string {
  switch (verdict.kind) {
    case 'no_data':
      return t('verdict.no_data');
    case 'srm':
      return t('verdict.srm');
    case 'winner':
    case 'control_wins':
      return t(`verdict.${verdict.kind}`, {
        variant: verdict.variant,
        difference: formatPoints(Math.abs(verdict.difference)),
        by: verdict.by === 'sequential' ? t('verdict.by_sequential') : t('verdict.by_fixed'),
      });
    case 'too_early':
      return t('verdict.too_early', { variant: verdict.variant, progress: count(verdict.progress), planned: count(verdict.planned) });
    case 'keep_running':
      return verdict.planned === null
        ? t('verdict.keep_running_unplanned', { progress: count(verdict.progress) })
        : t('verdict.keep_running', { progress: count(verdict.progress), planned: count(verdict.planned) });
    case 'no_difference':
      return t('verdict.no_difference', { planned: count(verdict.planned) });
    default: {
      const unknown: never = verdict;
      return String(unknown ?? report.key);
    }
  }
}

function experimentSection(report: ExperimentReport, index: number, charts: ChartData[]): string {
  const { analysis, plan } = report;
  const headingId = `experiment-${index}`;
  const verdict = analysis.verdict;
  const verdictRole = verdict.kind === 'srm' ? 'alert' : 'status';
  const planText =
    analysis.planned === null
      ? t('experiments.planImpossible', { baseline: formatPercent(plan.baseline), mde: formatPercent(plan.minimumDetectableEffect, 0) })
      : t('experiments.plan', {
          planned: count(analysis.planned),
          mde: formatPercent(plan.minimumDetectableEffect, 0),
          baseline: formatPercent(plan.baseline),
          observed: plan.baselineObserved ? t('experiments.observed') : '',
          alpha: analysis.alpha,
          power: plan.power,
          progress: count(report.variants.length ? Math.min(...report.variants.map((v) => v.exposed)) : 0),
        });
  const srm = t(analysis.srm.alarm ? 'experiments.srmAlarm' : 'experiments.srmOk', { chi: analysis.srm.chiSquare.toFixed(2), p: formatP(analysis.srm.p) });
  const chartId = `conversion-${index}`;
  charts.push({
    id: chartId,
    title: t('experiments.chart', { key: report.key }),
    x: report.daily.days.map((ms) => ms / 1000),
    series: report.variants.map((v, i) => ({ label: v.key, values: report.daily.conversion[i] ?? [] })),
  });
  return `<section aria-labelledby="${headingId}" class="experiment">
<h3 id="${headingId}">${escapeHtml(t('experiments.heading', { key: report.key }))}</h3>
<p role="${verdictRole}" class="verdict verdict-${escapeHtml(verdict.kind)}">${escapeHtml(verdictText(verdict, report))}</p>
<p class="${analysis.srm.alarm ? 'srm alarm' : 'srm'}">${escapeHtml(srm)}</p>
<p class="plan">${escapeHtml(planText)}</p>
${experimentTables(report).map(tableHtml).join('\n')}
<figure>
<figcaption id="${chartId}-title">${escapeHtml(t('experiments.chart', { key: report.key }))}</figcaption>
<div class="chart" id="${chartId}" data-chart="${chartId}" role="img" aria-labelledby="${chartId}-title"></div>
</figure>
</section>`;
}

function monitoringSection(board: Board, alerts: readonly AlertRecord[], settings: AlertSettings, charts: ChartData[]): string {
  const [summary, codes, alertTable] = monitoringTables(board, alerts);
  charts.push({
    id: 'success-rate',
    title: t('monitoring.chart', { minutes: board.windowMinutes }),
    x: board.windows.map((ms) => ms / 1000),
    series: board.rows.map((row) => ({ label: `${row.method} ${row.country}`, values: row.windows.map((w) => w.successRate) })),
  });
  const empty = board.rows.length ? '' : `<p>${escapeHtml(t('monitoring.none', { minutes: board.windowMinutes * board.windows.length }))}</p>`;
  return `<section aria-labelledby="monitoring" class="monitoring">
<h2 id="monitoring">${escapeHtml(t('monitoring.heading'))}</h2>
<p class="rule">${escapeHtml(ruleText(settings))}</p>
${empty}
${tableHtml(summary!)}
<figure>
<figcaption id="success-rate-title">${escapeHtml(t('monitoring.chart', { minutes: board.windowMinutes }))}</figcaption>
<div class="chart" id="success-rate" data-chart="success-rate" role="img" aria-labelledby="success-rate-title"></div>
</figure>
${tableHtml(codes!)}
${alerts.length ? tableHtml(alertTable!) : `<h3>${escapeHtml(t('monitoring.alerts'))}</h3><p>${escapeHtml(t('monitoring.noAlerts'))}</p>`}
</section>`;
}

export function dashboardPage(reports: readonly ExperimentReport[], board: Board, alerts: readonly AlertRecord[], settings: AlertSettings): string {
  const charts: ChartData[] = [];
  const experiments = reports.length ? reports.map((r, i) => experimentSection(r, i, charts)).join('\n') : `<p>${escapeHtml(t('experiments.none'))}</p>`;
  const monitoring = monitoringSection(board, alerts, settings, charts);
  return shell(
    t('title'),
    `<header>
<h1>${escapeHtml(t('title'))}</h1>
<nav aria-label="${escapeHtml(t('title'))}"><a href="#experiments">${escapeHtml(t('nav.experiments'))}</a> <a href="#monitoring">${escapeHtml(t('nav.monitoring'))}</a></nav>
<form method="post" action="/dashboard/logout"><button type="submit">${escapeHtml(t('login.signOut'))}</button></form>
</header>
<main>
<section aria-labelledby="experiments">
<h2 id="experiments">${escapeHtml(t('nav.experiments'))}</h2>
${experiments}
</section>
${monitoring}
</main>`,
    charts,
  );
}
