// The chart benchmark page: the same series drawn by Nines (WASM: chart::draw_series through
// plotters-canvas) and by uPlot, in this one page, at 1920×600 CSS px and devicePixelRatio 1.
// Every draw is timed with performance.now() and followed by a 1×1 getImageData on the canvas it
// drew on, so that rasterisation is counted, not only the recording of drawing commands.
// Driven by scripts/bench-charts.mjs (`make bench-charts`), which reads every timed sample and
// sums them up across page loads. The page must be cross-origin isolated (served with
// `serve.mjs --isolate`), so that performance.now() is not coarsened to 0.1 ms; it throws if not.

import init, { ChartBench } from './bench_chart.js';
import uPlot from './uPlot.esm.js';

const WIDTH_CSS_PX = 1920;
const HEIGHT_CSS_PX = 600;
const X0_MS = 1_788_220_800_000;
const STEP_MS = 60_000;

/** Untimed draws of every case of a size before any of it is timed. */
const WARMUP_DRAWS = 3;

if (!window.crossOriginIsolated) {
  throw new Error('the page is not cross-origin isolated: performance.now() would be coarsened');
}

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

/** Throws unless the page is cross-origin isolated (fine-grained performance.now()). */
function assertIsolated() {
  if (window.crossOriginIsolated !== true) throw new Error('crossOriginIsolated is not true');
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

/** Times `runs` pairs, alternating which side goes first. */
async function sideBySide(runs, ninesDraw, uplotDraw) {
  const n = [];
  const u = [];
  for (let r = 0; r < runs; r++) {
    let a;
    let b;
    if (r % 2 === 0) {
      a = ninesDraw();
      b = await uplotDraw();
    } else {
      b = await uplotDraw();
      a = ninesDraw();
    }
    n.push(a);
    u.push(b);
  }
  return { n, u };
}

/** A case's timed samples (ms): `nines`, and `uplot` (null for the timeline). */
function result(name, points, { n, u }) {
  return { case: name, points, nines: n, uplot: u };
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
  assertIsolated();
  if (devicePixelRatio !== 1) throw new Error(`devicePixelRatio is ${devicePixelRatio}, not 1`);
  if (plot) plot.destroy();
  plot = null;
  data = null;
  const [xs, ys] = makeSeries(points);
  nines.set_series(xs, ys); // copied into WASM once, not timed
  data = [xs, ys];
  const results = [];
  const views = withViews ? frames(xs, 20) : null;

  // Every case of this size drawn untimed first, so no timing includes a first-use cost.
  for (let w = 0; w < WARMUP_DRAWS; w++) {
    nines.cold();
    await uplotCold();
    nines.redraw();
    plot.batch((u) => u.redraw(true, false));
  }
  if (views) {
    for (const [min, max] of [...views.zoom, ...views.pan]) {
      nines.draw_view(min, max);
      plot.batch((p) => p.setScale('x', { min, max }));
    }
  }

  results.push(result('cold', points, await sideBySide(runs, () => timeNines(() => nines.cold()), uplotCold)));
  // redraw(true, false) re-sets the x scale to itself: uPlot drops its cached paths, fits y again
  // and rebuilds the paths from the data (the second argument: no axis size recalculation).
  results.push(result('redraw', points, await sideBySide(
    runs,
    () => timeNines(() => nines.redraw()),
    () => timeUplot((u) => u.redraw(true, false)),
  )));
  if (views) {
    for (const [name, sequence] of [['zoom', views.zoom], ['pan', views.pan]]) {
      const n = [];
      const u = [];
      // The sequence twice; every frame is one timed draw of each side.
      for (let pass = 0; pass < 2; pass++) {
        nines.redraw();
        timeUplot((p) => p.setScale('x', { min: xs[0], max: xs[xs.length - 1] }));
        for (const [min, max] of sequence) {
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

const TIMELINE_SEED = 7;

/** The canvas's pixels after drawing the timeline of `intervals` as `set` sets it. */
function timelinePixels(set) {
  set();
  nines.draw_timeline();
  return ninesCtx.getImageData(0, 0, canvas.width, canvas.height).data;
}

function differingPixels(a, b) {
  let count = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3]) count++;
  }
  return count;
}

/**
 * Checks that the timed timeline draws hatching and titles: the pixels that change when the
 * same timeline is drawn without third-party origins, and without titles. Throws when either is
 * 0; returns `{ hatch_px, title_px }`.
 */
window.checkTimeline = (intervals) => {
  const full = timelinePixels(() => nines.set_timeline(intervals, TIMELINE_SEED));
  const noHatch = timelinePixels(() => nines.set_timeline_without(intervals, TIMELINE_SEED, false, true));
  const noTitles = timelinePixels(() => nines.set_timeline_without(intervals, TIMELINE_SEED, true, false));
  nines.set_timeline(0, TIMELINE_SEED);
  const counts = { hatch_px: differingPixels(full, noHatch), title_px: differingPixels(full, noTitles) };
  if (counts.hatch_px === 0) throw new Error(`timeline of ${intervals} intervals: no hatching drawn`);
  if (counts.title_px === 0) throw new Error(`timeline of ${intervals} intervals: no titles drawn`);
  return counts;
};

/** The timeline case (Nines only): `intervals` intervals over 20 rows. */
window.benchTimeline = async (intervals, runs) => {
  assertIsolated();
  nines.set_timeline(intervals, TIMELINE_SEED);
  for (let w = 0; w < WARMUP_DRAWS; w++) nines.draw_timeline();
  const n = [];
  for (let r = 0; r < runs; r++) n.push(timeNines(() => nines.draw_timeline()));
  const out = result('timeline', intervals, { n, u: null });
  nines.set_timeline(0, TIMELINE_SEED);
  return out;
};

window.benchReady = true;
