#!/usr/bin/env node
// Memory of the page holding 10 million samples of one series (`make bench-memory`).
//
//   node scripts/bench-memory.mjs [--runs N] [--no-docs]
//
// Copies the release build in dist/ (run `make build` first) into a scratch folder with a Nines
// file of one probe: 10,000,000 samples ten seconds apart (about 3.2 years), mostly up, with
// runs of 0 and 0.75 and about 0.1 % missing. Serves it under /nines/ and opens
// /nines/?source=bench/memory-1e7.json in the system Chromium, each run in a new browser. Once
// the charts are drawn (the probe chart's pyramid built) and the page is quiet, it collects
// garbage twice and reads the wasm memory (the module's linear memory, which never shrinks: the
// most the page held at once) and the JS heap. Both are set beside the raw column: 4 bytes a
// sample, 40,000,000 bytes. The same file is measured with its availability curve alone (no probe
// chart, so no pyramid), and the demo, for the page's own footprint.
//
// Prints `bench case=memory-<name> wasm_bytes=… js_heap_bytes=… raw_bytes=… ratio=…` (medians)
// and rewrites the memory section of docs/performance.md.

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { measuredOn, median, parseArgs, ROOT, serve, writeDocsSection } from './bench-common.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const DIST = path.resolve(ROOT, process.env.NINES_DIST || 'dist');
const SAMPLES = 10_000_000;
const STEP_S = 10;
const RAW_BYTES = SAMPLES * 4;
/** The target: wasm memory and JS heap together at most 1.5× the raw `f32` column. */
const TARGET = 1.5;

/** One probe's 1e7 samples in the Nines format; deterministic (a 32-bit xorshift). */
function memoryFile() {
  const endMs = Date.parse('2026-12-01T00:00:00Z');
  const start = new Date(endMs - SAMPLES * STEP_S * 1000).toISOString().replace('.000Z', 'Z');
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const chunks = [];
  let run = 0;
  let value = '1';
  for (let i = 0; i < SAMPLES; i++) {
    if (run === 0) {
      const draw = next();
      [value, run] = draw < 0.001 ? ['null', 1 + Math.floor(next() * 5)] : draw < 0.004 ? ['0', 1 + Math.floor(next() * 30)] : draw < 0.006 ? ['0.75', 1 + Math.floor(next() * 60)] : ['1', 1 + Math.floor(next() * 2000)];
    }
    chunks.push(value);
    run--;
  }
  return (
    `{"format":"nines","version":1,"title":"memory","as_of":"2026-12-01T00:00:00Z",` +
    `"coverage":{"start":"${start}","end":"2026-12-01T00:00:00Z"},` +
    `"services":[{"id":"probe","name":"Probe"}],` +
    `"series":[{"service":"probe","start":"${start}","step_s":${STEP_S},"up":[${chunks.join(',')}]}]}`
  );
}

/** The scratch folder served at /nines/: the release build and bench/ with the files. */
function prepare() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'nines-memory-'));
  cpSync(DIST, root, { recursive: true });
  const bench = path.join(root, 'bench');
  mkdirSync(bench);
  writeFileSync(path.join(bench, 'memory-1e7.json'), memoryFile());
  cpSync(path.join(ROOT, 'public', 'data', 'demo.json'), path.join(bench, 'demo.json'));
  return root;
}

/**
 * Opens `file` (with `query` added to the address) in a new browser; resolves to
 * { wasm_bytes, js_heap_bytes } once it is drawn and quiet.
 */
async function measure(baseUrl, file, query) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', (event) => {
        window.__wasmMemory = event.detail.wasm.memory;
      });
    });
    await page.goto(`${baseUrl}?source=${encodeURIComponent(`bench/${file}`)}${query}`);
    // Drawn, then quiet: no new performance entry for 2 s.
    await page.waitForFunction(() => performance.getEntriesByName('nines:draw').length > 0, null, { timeout: 300_000 });
    let count = -1;
    for (;;) {
      const now = await page.evaluate(() => performance.getEntries().length);
      if (now === count) break;
      count = now;
      await page.waitForTimeout(2000);
    }
    return await page.evaluate(() => {
      window.gc();
      window.gc();
      return { wasm_bytes: window.__wasmMemory.buffer.byteLength, js_heap_bytes: performance.memory.usedJSHeapSize };
    });
  } finally {
    await browser.close();
  }
}

const opts = parseArgs('bench-memory', process.argv.slice(2), { runs: 3, minRuns: 1 });
const started = new Date();
const root = prepare();
const server = await serve(root, '/nines/');
const cases = [
  { name: '1e7-samples', file: 'memory-1e7.json', query: '', raw: RAW_BYTES, what: 'one probe, 10,000,000 samples 10 s apart: the overview' },
  { name: '1e7-curve-only', file: 'memory-1e7.json', query: '&panel=curve', raw: RAW_BYTES, what: 'the same, its availability curve alone (`panel=curve`: no probe chart)' },
  { name: 'demo', file: 'demo.json', query: '', raw: null, what: "the demo: the page's own footprint" },
];
const results = [];
let version = '';
try {
  for (const c of cases) {
    const runs = [];
    for (let i = 0; i < opts.runs; i++) runs.push(await measure(server.url, c.file, c.query));
    const wasm = median(runs.map((r) => r.wasm_bytes));
    const heap = median(runs.map((r) => r.js_heap_bytes));
    results.push({ ...c, wasm, heap });
    const ratio = c.raw ? ` raw_bytes=${c.raw} ratio=${((wasm + heap) / c.raw).toFixed(2)}` : '';
    console.log(`bench case=memory-${c.name} runs=${opts.runs} wasm_bytes=${wasm} js_heap_bytes=${heap}${ratio}`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  version = browser.version();
  await browser.close();
} finally {
  server.stop();
  rmSync(root, { recursive: true, force: true });
}

if (opts.docs) writeDocsSection('memory-bench', 'Memory', section());

function section() {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  const row = (r) => {
    if (!r.raw) return `| ${r.what} | ${mb(r.wasm)} | ${mb(r.heap)} | – | – | |`;
    const ratio = (r.wasm + r.heap) / r.raw;
    const verdict = ratio <= TARGET ? 'met' : `missed (${(ratio / TARGET).toFixed(2)}× the target)`;
    return `| ${r.what} | ${mb(r.wasm)} | ${mb(r.heap)} | ${mb(r.raw)} | **${ratio.toFixed(2)}** | ≤ ${TARGET}: ${verdict} |`;
  };
  return [
    '<!-- memory-bench:start -->',
    `Measured by \`make bench-memory\` on ${measuredOn(version, started)}: the release build, ${opts.runs} runs of each (a new browser each), medians, after the charts are drawn and two garbage collections. The wasm memory is the module's linear memory, which never shrinks: the most the page held at once.`,
    '',
    '| page | wasm memory | JS heap | raw `f32` column | (wasm + JS) / raw | target |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...results.map(row),
    '<!-- memory-bench:end -->',
  ].join('\n');
}
