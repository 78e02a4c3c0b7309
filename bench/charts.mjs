// The chart benchmark page: the same series drawn by Nines (WASM: chart::draw_series through
// plotters-canvas) and by uPlot, in this one page, at 1920×600 CSS px and devicePixelRatio 1.
// Every draw is timed with performance.now() and followed by a 1×1 getImageData on the canvas it
// drew on, so that rasterisation is counted, not only the recording of drawing commands.
// Driven by scripts/bench-charts.mjs (`make bench-charts`), which reads the results.

import init, { ChartBench } from './bench_chart.js';
import uPlot from './uPlot.esm.js';

const WIDTH_CSS_PX = 1920;
const HEIGHT_CSS_PX = 600;
const X0_MS = 1_788_220_800_000;
const STEP_MS = 60_000;

await init();
const canvas = document.getElementById('nines');
const ninesCtx = canvas.getContext('2d');
const nines = new ChartBench(canvas);
const uplotEl = document.getElementById('uplot');
let plot = null;
let data = null;

// Both sides draw the same line: 2 device px wide, Theme::LIGHT's line colour; uPlot's axes and
// grid are on, as Nines draws its frame, grid and y labels.
const uplotOptions = {
  width: WIDTH_CSS_PX,
  height: HEIGHT_CSS_PX,
  legend: { show: false },
  scales: { x: { time: false } },
  series: [{}, { stroke: '#0072B2', width: 2, points: { show: false } }],
  axes: [{}, {}],
};

/** `n` one-minute samples of an availability-like random walk (deterministic). */
function makeSeries(n) {
  let state = 0x2f6b7a3d;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let y = 0.999;
  for (let i = 0; i < n; i++) {
    xs[i] = X0_MS + i * STEP_MS;
    y += (random() - 0.5) * 0.0005;
    if (random() < 0.0005) y -= random() * 0.05; // an occasional dip
    y = Math.min(1, Math.max(0.9, y + (0.999 - y) * 0.001));
    ys[i] = y;
  }
  return [xs, ys];
}

function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeNines(draw) {
  const start = performance.now();
  draw();
  ninesCtx.getImageData(0, 0, 1, 1);
  return performance.now() - start;
}

function timeUplot(draw) {
  const start = performance.now();
  // batch() is uPlot's immediate mode: it commits (draws) synchronously instead of in a microtask.
  plot.batch(draw);
  plot.ctx.getImageData(0, 0, 1, 1);
  return performance.now() - start;
}

async function uplotCold() {
  if (plot) plot.destroy();
  const start = performance.now();
  plot = new uPlot(uplotOptions, data, uplotEl);
  // The constructor queues its first commit (the draw) as a microtask; awaiting here resumes
  // right after it.
  await Promise.resolve();
  if (plot.status !== 1) throw new Error('uPlot has not drawn');
  plot.ctx.getImageData(0, 0, 1, 1);
  return performance.now() - start;
}

/** Times `runs` pairs (after one warm-up pair), alternating which side goes first. */
async function sideBySide(runs, ninesDraw, uplotDraw) {
  const n = [];
  const u = [];
  for (let r = 0; r <= runs; r++) {
    let a;
    let b;
    if (r % 2 === 0) {
      a = ninesDraw();
      b = await uplotDraw();
    } else {
      b = await uplotDraw();
      a = ninesDraw();
    }
    if (r > 0) {
      n.push(a);
      u.push(b);
    }
  }
  return { n, u };
}

function result(name, points, { n, u }) {
  return {
    case: name,
    points,
    runs: n.length,
    nines_ms: median(n),
    uplot_ms: u ? median(u) : null,
    nines_max_ms: Math.max(...n),
    uplot_max_ms: u ? Math.max(...u) : null,
  };
}

/** The zoom frames (in from all of the data to 1/100 of it, around the middle) and the pan
 * frames (that 1/100 across all of the data). */
function frames(xs, count) {
  const first = xs[0];
  const span = xs[xs.length - 1] - first;
  const middle = first + span / 2;
  const zoom = [];
  const pan = [];
  for (let k = 0; k < count; k++) {
    const width = span * Math.pow(0.01, k / (count - 1));
    zoom.push([middle - width / 2, middle + width / 2]);
    const panWidth = span * 0.01;
    const start = first + ((span - panWidth) * k) / (count - 1);
    pan.push([start, start + panWidth]);
  }
  return { zoom, pan };
}

/** Every series case at `points` points: cold, redraw and, when asked, zoom and pan. */
window.benchSeries = async (points, runs, withViews) => {
  if (devicePixelRatio !== 1) throw new Error(`devicePixelRatio is ${devicePixelRatio}, not 1`);
  if (plot) plot.destroy();
  plot = null;
  data = null;
  const [xs, ys] = makeSeries(points);
  nines.set_series(xs, ys); // copied into WASM once, not timed
  data = [xs, ys];
  const results = [];

  results.push(result('cold', points, await sideBySide(runs, () => timeNines(() => nines.cold()), uplotCold)));
  // redraw(true, false) re-sets the x scale to itself: uPlot drops its cached paths, fits y again
  // and rebuilds the paths from the data (the second argument: no axis size recalculation).
  results.push(result('redraw', points, await sideBySide(
    runs,
    () => timeNines(() => nines.redraw()),
    () => timeUplot((u) => u.redraw(true, false)),
  )));
  if (withViews) {
    const { zoom, pan } = frames(xs, 20);
    for (const [name, views] of [['zoom', zoom], ['pan', pan]]) {
      const n = [];
      const u = [];
      // The sequence twice; every frame is one timed draw of each side.
      for (let pass = 0; pass < 2; pass++) {
        nines.redraw();
        timeUplot((p) => p.setScale('x', { min: xs[0], max: xs[xs.length - 1] }));
        for (const [min, max] of views) {
          n.push(timeNines(() => nines.draw_view(min, max)));
          u.push(timeUplot((p) => p.setScale('x', { min, max })));
        }
      }
      results.push(result(name, points, { n, u }));
    }
  }
  plot.destroy();
  plot = null;
  data = null;
  nines.set_series(new Float64Array(0), new Float64Array(0));
  return results;
};

/** The timeline case (Nines only): `intervals` intervals over 20 rows. */
window.benchTimeline = async (intervals, runs) => {
  nines.set_timeline(intervals, 7);
  const n = [];
  for (let r = 0; r <= runs; r++) {
    const t = timeNines(() => nines.draw_timeline());
    if (r > 0) n.push(t);
  }
  const out = result('timeline', intervals, { n, u: null });
  nines.set_timeline(0, 7);
  return out;
};

window.benchReady = true;
