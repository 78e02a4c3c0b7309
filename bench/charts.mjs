// The chart benchmark page: the same series drawn by Nines (WASM: chart::draw_series through
// plotters-canvas) and by uPlot, in this one page, at 1920×600 CSS px and the page's
// devicePixelRatio (1, or 2 in the DPR 2 load). Every draw is timed with performance.now() and
// followed by a 1×1 getImageData on the canvas it drew on, so that rasterisation is counted, not
// only the recording of drawing commands. Driven by scripts/bench-charts.mjs (`make
// bench-charts`), which reads every timed sample and sums them up across page loads. The page must
// be cross-origin isolated (served with `serve.mjs --isolate`), so that performance.now() is not
// coarsened to 0.1 ms; it throws if not.
//
// Like for like: both sides draw up-ratios (0, 0.75 and 1 with about 0.1 % of samples missing)
// with y fixed at [0, 1], 2 CSS px wide in the same colour. In the "filled" cases uPlot gets a
// `paths` builder (`bandPaths`) that fills, per run of pixel columns without a gap, the pixels a
// stroke through each column's lowest and highest value would cover, as Nines does where columns
// hold four samples or more; in the "stroked" cases Nines strokes every column, as uPlot's default
// (linear) path builder does. Below a sample per pixel column both stroke.

import init, { ChartBench } from './bench_chart.js';
import uPlot from './uPlot.esm.js';

const WIDTH_CSS_PX = 1920;
const HEIGHT_CSS_PX = 600;
const X0_MS = 1_788_220_800_000;
const STEP_MS = 60_000;
const LINE = '#0072B2';
/** Fewer samples than this are drawn stroked by both sides. */
const SPARSE_BELOW = 10_000;

/** Untimed draws of every case of a size before any of it is timed. */
const WARMUP_DRAWS = 3;

if (!window.crossOriginIsolated) {
  throw new Error('the page is not cross-origin isolated: performance.now() would be coarsened');
}

await init();
const canvas = document.getElementById('nines');
const ninesCtx = canvas.getContext('2d');
const nines = new ChartBench(canvas, document.getElementById('nines-overlay'), devicePixelRatio);
const uplotEl = document.getElementById('uplot');
let plot = null;
let data = null;

/**
 * uPlot paths builder: per run of pixel columns without a gap, one filled outline of the pixels
 * a `width`-pixel stroke through each column's lowest and highest value covers (widened by the
 * columns its stroke reaches), as `chart::series` fills dense columns. Columns holding a gap stay
 * blank. Iterates every sample in view, as uPlot's own builders do.
 */
function bandPaths(u, seriesIdx, idx0, idx1) {
  const xs = u.data[0];
  const ys = u.data[seriesIdx];
  const width = Math.max(1, Math.round(u.series[seriesIdx].width * devicePixelRatio));
  const before = Math.floor(width / 2);
  const after = width - before;
  const { left, top: plotTop, width: plotWidth, height: plotHeight } = u.bbox;
  const { min: xMin, max: xMax } = u.scales.x;
  const { min: yMin, max: yMax } = u.scales.y;
  const columns = Math.round(plotWidth);
  const perX = plotWidth / (xMax - xMin);
  // The lowest and highest value per pixel column, in one pass over the samples.
  const low = new Float64Array(columns).fill(Infinity);
  const high = new Float64Array(columns).fill(-Infinity);
  const gap = new Uint8Array(columns);
  for (let i = idx0; i <= idx1; i++) {
    const c = Math.floor((xs[i] - xMin) * perX);
    if (c < 0 || c >= columns) continue;
    const y = ys[i];
    if (y == null) {
      gap[c] = 1;
      continue;
    }
    if (y < low[c]) low[c] = y;
    if (y > high[c]) high[c] = y;
  }
  const yPx = (y) => Math.round(plotTop + plotHeight - ((Math.min(yMax, Math.max(yMin, y)) - yMin) * plotHeight) / (yMax - yMin));
  const top = new Float64Array(columns).fill(Infinity);
  const bottom = new Float64Array(columns).fill(-Infinity);
  for (let c = 0; c < columns; c++) {
    if (high[c] >= low[c]) {
      top[c] = yPx(high[c]);
      bottom[c] = yPx(low[c]);
    }
  }
  const leftPx = Math.round(left);
  const fill = new Path2D();
  let c = 0;
  while (c < columns) {
    if (gap[c] || top[c] === Infinity) {
      c++;
      continue;
    }
    let end = c + 1;
    while (end < columns && !gap[end] && top[end] !== Infinity) end++;
    // Pixel columns c - before .. end - 1 + after, each spanning the columns whose stroke reaches it.
    const upper = [];
    const lower = [];
    const from = Math.max(0, c - before);
    const to = Math.min(columns, end - 1 + after);
    for (let p = from; p < to; p++) {
      let t = Infinity;
      let b = -Infinity;
      for (let k = Math.max(c, p - after + 1); k <= Math.min(end - 1, p + before); k++) {
        if (top[k] < t) t = top[k];
        if (bottom[k] > b) b = bottom[k];
      }
      upper.push(leftPx + p, t - before);
      lower.push(leftPx + p, b + after);
    }
    fill.moveTo(upper[0], upper[1]);
    for (let k = 0; k < upper.length; k += 2) {
      fill.lineTo(upper[k], upper[k + 1]);
      fill.lineTo(upper[k] + 1, upper[k + 1]);
    }
    for (let k = lower.length - 2; k >= 0; k -= 2) {
      fill.lineTo(lower[k] + 1, lower[k + 1]);
      fill.lineTo(lower[k], lower[k + 1]);
    }
    fill.closePath();
    c = end;
  }
  return { stroke: null, fill, clip: null, flags: 0 };
}

/** uPlot's options: filled (the band builder) or stroked (its default linear builder). */
function uplotOptions(filled) {
  const series = filled
    ? { stroke: LINE, fill: LINE, width: 2, points: { show: false }, paths: bandPaths }
    : { stroke: LINE, width: 2, points: { show: false } };
  return {
    width: WIDTH_CSS_PX,
    height: HEIGHT_CSS_PX,
    legend: { show: false },
    scales: { x: { time: false }, y: { auto: false, range: [0, 1] } },
    series: [{}, series],
    axes: [{}, {}],
  };
}

/**
 * `n` one-minute up-ratios as probes report them (deterministic): mostly 1, runs of 0.75 and of
 * 0, and about 0.1 % of samples missing, in short runs. Gives the times, the samples as Nines
 * holds them (f32, NaN missing) and as uPlot takes them (null missing).
 */
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
  const samples = new Float32Array(n);
  const ys = new Array(n);
  let level = 1;
  let left = 0;
  for (let i = 0; i < n; i++) {
    if (left === 0) {
      const roll = random();
      // Runs: missing (mean 8 samples), down, partial, up, with about 0.1 % missing overall.
      if (roll < 0.01) [level, left] = [null, 1 + Math.floor(random() * 15)];
      else if (roll < 0.05) [level, left] = [0, 1 + Math.floor(random() * 120)];
      else if (roll < 0.15) [level, left] = [0.75, 1 + Math.floor(random() * 240)];
      else [level, left] = [1, 1 + Math.floor(random() * 1_600)];
    }
    xs[i] = X0_MS + i * STEP_MS;
    samples[i] = level === null ? NaN : level;
    ys[i] = level;
    left--;
  }
  return { xs, samples, ys };
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

/** Times `runs` pairs, alternating which side goes first. */
function sideBySide(runs, ninesDraw, uplotDraw) {
  const n = [];
  const u = [];
  for (let r = 0; r < runs; r++) {
    if (r % 2 === 0) {
      n.push(ninesDraw());
      u.push(uplotDraw());
    } else {
      u.push(uplotDraw());
      n.push(ninesDraw());
    }
  }
  return { n, u };
}

/** A case's timed samples (ms): `nines`, and `uplot` (null for the timeline). */
function result(name, points, { n, u }) {
  return { case: name, points, nines: n, uplot: u };
}

/** The zoom frames (in from all of the data to 1/100 of it, around the middle) and the pan
 * frames (that 1/100 across all of it). */
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

/** A live uPlot chart of the current data, drawn once (untimed). */
async function newPlot(filled) {
  if (plot) plot.destroy();
  plot = new uPlot(uplotOptions(filled), data, uplotEl);
  // The constructor queues its first commit (the draw) as a microtask.
  await Promise.resolve();
  if (plot.status !== 1) throw new Error('uPlot has not drawn');
}

/** The cases at `points` points and the page's DPR, with the given name suffix: cold, redraw,
 * stroked redraw and, when asked, zoom and pan. */
window.benchSeries = async (points, runs, withViews, suffix = '') => {
  assertIsolated();
  if (plot) plot.destroy();
  plot = null;
  const { xs, samples, ys } = makeSeries(points);
  nines.set_series(X0_MS, STEP_MS, samples); // copied into WASM once, not timed
  data = [xs, ys];
  const sparse = points < SPARSE_BELOW;
  const results = [];
  const views = withViews ? frames(xs, 20) : null;
  const name = (base) => `${base}${suffix}`;

  // uPlot's cold: new data on a live chart. Nines's: the pyramid from the samples, then the draw.
  const uplotCold = () => timeUplot((u) => u.setData(data));
  const uplotRedraw = () => timeUplot((u) => u.redraw(true, false));
  const ninesCold = () => timeNines(() => nines.cold());
  const ninesRedraw = () => timeNines(() => nines.redraw());

  // Filled (stroked when sparse), then stroked on both sides.
  for (const filled of sparse ? [false] : [true, false]) {
    nines.set_fill_dense(filled || sparse);
    await newPlot(filled);
    nines.cold();
    // Every case of this size drawn untimed first, so no timing includes a first-use cost.
    for (let w = 0; w < WARMUP_DRAWS; w++) {
      ninesCold();
      uplotCold();
      ninesRedraw();
      uplotRedraw();
    }
    if (views && filled) {
      for (const [min, max] of [...views.zoom, ...views.pan]) {
        nines.draw_view(min, max);
        plot.batch((p) => p.setScale('x', { min, max }));
      }
    }
    const kind = sparse ? ' (sparse: both stroke)' : filled ? '' : ' (stroked)';
    if (filled || sparse) results.push(result(name(`cold${kind}`), points, sideBySide(runs, ninesCold, uplotCold)));
    // redraw(true, false) re-sets the x scale to itself: uPlot drops its cached paths and
    // rebuilds them from the data (the second argument: no axis size recalculation).
    results.push(result(name(`redraw${kind}`), points, sideBySide(runs, ninesRedraw, uplotRedraw)));
    if (views && filled) {
      for (const [caseName, sequence] of [['zoom', views.zoom], ['pan', views.pan]]) {
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
        results.push(result(name(caseName), points, { n, u }));
      }
    }
  }
  plot.destroy();
  plot = null;
  data = null;
  nines.set_series(X0_MS, STEP_MS, new Float32Array(0));
  return results;
};

/** The pixels of `ctx`'s canvas in the line's colour (within 40 of it in each channel). */
function linePixels(ctx) {
  const { data } = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]) < 40 && Math.abs(data[i + 1] - 114) < 40 && Math.abs(data[i + 2] - 178) < 40) count++;
  }
  return count;
}

/**
 * Checks that both sides draw the same picture at `points` points, filled and stroked: the
 * pixels in the line's colour on each canvas. Returns `{ filled: [nines, uplot], stroked: … }`.
 */
window.checkSeries = async (points) => {
  const { xs, samples, ys } = makeSeries(points);
  nines.set_series(X0_MS, STEP_MS, samples);
  data = [xs, ys];
  const counts = {};
  for (const filled of [true, false]) {
    nines.set_fill_dense(filled);
    nines.cold();
    await newPlot(filled);
    counts[filled ? 'filled' : 'stroked'] = [linePixels(ninesCtx), linePixels(plot.ctx)];
  }
  plot.destroy();
  plot = null;
  data = null;
  nines.set_series(X0_MS, STEP_MS, new Float32Array(0));
  return counts;
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
