// The bare page `make bench-first-chart` times Nines against: fetch + JSON.parse + one uPlot
// chart, nothing else. `?file=F&kind=K` names the file and how to read it:
//
//   prometheus  a query_range answer: its first series as a line
//   nines       a Nines file (or a collected folder's index.json): its first series as a line
//   statuspage  an incidents.json: one 90-day bar chart, a series of daily downtime per component
//
// When the chart has drawn, `window.firstChartMs` holds performance.now() (from navigation).
import uPlot from './uPlot.esm.js';

const DAY_MS = 86_400_000;
const params = new URLSearchParams(location.search);
const WIDTH = 1200;
const HEIGHT = 300;

/** [x seconds, y] of a Prometheus matrix's first series. */
function prometheus(json) {
  const values = json.data.result[0].values;
  const xs = new Float64Array(values.length);
  const ys = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    xs[i] = values[i][0];
    ys[i] = Number(values[i][1]);
  }
  return { data: [xs, ys], series: [{}, { label: 'up', stroke: 'green' }] };
}

/** [x seconds, up] of a Nines file's first series, regular or irregular (absolute times or deltas). */
function nines(json) {
  const s = json.series[0];
  const xs = new Float64Array(s.up.length);
  if (s.times_ms) for (let i = 0; i < xs.length; i++) xs[i] = s.times_ms[i] / 1000;
  else if (s.times_delta_ms) {
    let t = 0;
    for (let i = 0; i < xs.length; i++) xs[i] = (t += s.times_delta_ms[i]) / 1000;
  } else {
    const start = Date.parse(s.start) / 1000;
    for (let i = 0; i < xs.length; i++) xs[i] = start + i * s.step_s;
  }
  return { data: [xs, s.up], series: [{}, { label: 'up', stroke: 'green' }] };
}

/** Daily downtime minutes per component over the 90 days before the newest incident. */
function statuspage(json) {
  const incidents = json.incidents;
  const ends = incidents.map((i) => Date.parse(i.resolved_at || i.updated_at || i.created_at));
  const lastDay = Math.floor(Math.max(...ends) / DAY_MS);
  const firstDay = lastDay - 89;
  const components = new Map();
  incidents.forEach((incident, n) => {
    const start = Date.parse(incident.created_at);
    const end = ends[n];
    for (const c of incident.components || []) {
      if (!components.has(c.id)) components.set(c.id, { name: c.name, down: new Float64Array(90) });
      const down = components.get(c.id).down;
      for (let day = Math.max(firstDay, Math.floor(start / DAY_MS)); day <= Math.min(lastDay, Math.floor(end / DAY_MS)); day++) {
        const from = Math.max(start, day * DAY_MS);
        const to = Math.min(end, (day + 1) * DAY_MS);
        if (to > from) down[day - firstDay] += (to - from) / 60_000;
      }
    }
  });
  const xs = Float64Array.from({ length: 90 }, (_, i) => ((firstDay + i) * DAY_MS) / 1000);
  const bars = uPlot.paths.bars({ size: [0.8] });
  const series = [{}, ...[...components.values()].map((c) => ({ label: c.name, stroke: 'firebrick', fill: 'salmon', paths: bars }))];
  return { data: [xs, ...[...components.values()].map((c) => c.down)], series };
}

const READERS = { prometheus, nines, statuspage };

const response = await fetch(params.get('file'));
const json = JSON.parse(await response.text());
const { data, series } = READERS[params.get('kind')](json);
new uPlot(
  {
    width: WIDTH,
    height: HEIGHT,
    series,
    hooks: { draw: [() => { window.firstChartMs ??= performance.now(); }] },
  },
  data,
  document.getElementById('chart'),
);
