// Draws the dashboard's charts with uPlot from the page's inert JSON
// (#ck-dashboard-charts, written by server/dashboard/html.ts). Plain script:
// the page's CSP allows only scripts from /dashboard/assets/. The instances
// are kept on `window.ckDashboardCharts` (by chart id) so tests can assert the
// plotted data.
(() => {
  const source = document.getElementById('ck-dashboard-charts');
  const UPlot = window.uPlot;
  if (!source || !UPlot) return;
  let charts = [];
  try {
    charts = JSON.parse(source.textContent || '[]');
  } catch {
    charts = [];
  }
  // Colours with at least 3:1 contrast on white, told apart by dash as well as hue.
  const colours = ['#1f5fbf', '#b34700', '#1b7a3a', '#8a2be2', '#a3123a', '#006d77'];
  const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  const instances = {};
  const percent = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);
  for (const chart of charts) {
    const target = document.getElementById(chart.id);
    if (!target) continue;
    const width = Math.max(320, Math.min(900, target.clientWidth || 640));
    const options = {
      width,
      height: 260,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.max(0, Math.min(min ?? 0, 0)), Math.min(1, Math.max(max ?? 1, 0.05) * 1.1)] } },
      axes: [{}, { values: (_u, ticks) => ticks.map(percent), size: 60 }],
      series: [
        {},
        ...chart.series.map((s, i) => ({
          label: s.label,
          stroke: colours[i % colours.length],
          dash: dashes[i % dashes.length],
          width: 2,
          points: { show: chart.x.length < 40 },
          value: (_u, v) => percent(v),
        })),
      ],
    };
    instances[chart.id] = new UPlot(options, [chart.x, ...chart.series.map((s) => s.values)], target);
  }
  window.ckDashboardCharts = instances;
})();
