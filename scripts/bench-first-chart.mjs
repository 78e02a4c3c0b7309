#!/usr/bin/env node
// Time to the first chart: Nines beside a bare uPlot page on the same file (`make bench-first-chart`).
//
//   node scripts/bench-first-chart.mjs [--runs N] [--no-docs]
//
// Copies the release build in dist/ (run `make build` first) into a scratch folder, puts the
// benchmark's files under bench/ in it, serves it with scripts/serve.mjs under /nines/, and opens
// in one system Chromium, alternating, for each case:
//
//   Nines      /nines/?source=bench/<file>: until the end of the first `nines:draw` measure;
//   bare page  bench/first-chart.html (fetch + JSON.parse + one uPlot 1.6.32 chart of the file's
//              first series; for Statuspage a 90-day bar per component): until uPlot's draw hook.
//
// Both are milliseconds from navigation, each run in a new browser context (an empty cache).
// The cases:
//
//   prometheus-1m        a query_range answer: 10 probes × 100,000 one-minute points
//   statuspage-1000      an incidents.json of 1,000 incidents (three real GitHub ones, repeated)
//   demo                 public/data/demo.json
//   collected-5y         the collector's 5-year history (`bench_history --write`): 10,000
//                        incidents, 50 probes × one-minute samples over 90 days, as index.json
//                        and monthly shards; the bare page reads index.json only
//
// Prints `bench case=first-chart-<name> nines_ms=… uplot_ms=… ratio=…` (medians) and rewrites the
// first-chart section of docs/performance.md. Environment: CHROMIUM (default /usr/bin/chromium);
// NINES_DIST (default dist); NINES_FIRST_CHART_CASES, a comma-separated list of case names to run
// only those (the docs are then left alone).

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { measuredOn, median, parseArgs, ROOT, serve, spreadText, writeDocsSection } from './bench-common.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const DIST = path.resolve(ROOT, process.env.NINES_DIST || 'dist');
const MINUTE_S = 60;
/** The targets: no slower than the bare page, and 0.7× on the native format. */
const TARGET = { 'prometheus-1m': 1.0, 'statuspage-1000': 1.0, demo: 0.7, 'collected-5y': 1.0 };
/** And the first chart from the collected folder no slower than from the demo, in the same run. */
const COLLECTED_VS_DEMO_TARGET = 1.0;

/** 10 probes × 100,000 one-minute points; probe k is down for k × 7 minutes in each day. */
function prometheusFile() {
  const probes = 10;
  const points = 100_000;
  const end = 1_795_910_400; // 2026-11-29T00:00:00Z
  const start = end - (points - 1) * MINUTE_S;
  const result = [];
  for (let k = 0; k < probes; k++) {
    const values = new Array(points);
    for (let i = 0; i < points; i++) {
      const t = start + i * MINUTE_S;
      values[i] = [t, (t / MINUTE_S) % 1440 < k * 7 ? '0' : '1'];
    }
    result.push({ metric: { __name__: 'probe_success', instance: `probe-${k}`, region: k % 2 ? 'eu' : 'na' }, values });
  }
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

/** Three real GitHub incidents (with their components and updates) repeated to 1,000, a day apart. */
function statuspageFile() {
  const fixtures = ['github_incident_29-updates.json', 'github_incident_critical_2023-06-29.json', 'github_incident_minimal.json'];
  const real = fixtures.map((f) => JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'statuspage', f), 'utf8')));
  const newest = Date.parse('2026-11-29T00:00:00Z');
  const incidents = [];
  for (let n = 0; n < 1000; n++) {
    const template = real[n % real.length].incident;
    const shift = newest - n * 86_400_000 - Date.parse(template.created_at);
    const moved = (t) => (t ? new Date(Date.parse(t) + shift).toISOString() : t);
    incidents.push({
      ...template,
      id: `bench${n}`,
      created_at: moved(template.created_at),
      updated_at: moved(template.updated_at),
      started_at: moved(template.started_at),
      resolved_at: moved(template.resolved_at),
      monitoring_at: moved(template.monitoring_at),
      incident_updates: template.incident_updates.map((u, i) => ({
        ...u,
        id: `bench${n}-${i}`,
        incident_id: `bench${n}`,
        created_at: moved(u.created_at),
        updated_at: moved(u.updated_at),
        display_at: moved(u.display_at),
      })),
    });
  }
  return JSON.stringify({ page: real[0].page, incidents });
}

/** The scratch folder served at /nines/: the release build, bench/ with the page and the files. */
function prepare() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'nines-first-chart-'));
  cpSync(DIST, root, { recursive: true });
  const bench = path.join(root, 'bench');
  mkdirSync(bench);
  for (const file of ['first-chart.html', 'first-chart.mjs']) cpSync(path.join(ROOT, 'bench', file), path.join(bench, file));
  for (const file of ['uPlot.esm.js', 'uPlot.min.css']) cpSync(path.join(ROOT, 'node_modules', 'uplot', 'dist', file), path.join(bench, file));
  writeFileSync(path.join(bench, 'prometheus-1m.json'), prometheusFile());
  writeFileSync(path.join(bench, 'statuspage-1000.json'), statuspageFile());
  cpSync(path.join(ROOT, 'public', 'data', 'demo.json'), path.join(bench, 'demo.json'));
  execFileSync('cargo', ['run', '--quiet', '--release', '--no-default-features', '--example', 'bench_history', '--', '--write', path.join(bench, 'collected')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return root;
}

/** Bytes of a case's files: the one file, or the collected folder (index and shards). */
function bytesOf(root, file) {
  const full = path.join(root, 'bench', file);
  if (!file.endsWith('index.json')) return statSync(full).size;
  const dir = path.dirname(full);
  const shards = readdirSync(path.join(dir, 'history')).map((f) => statSync(path.join(dir, 'history', f)).size);
  return statSync(full).size + shards.reduce((a, b) => a + b, 0);
}

const CASES = [
  { name: 'prometheus-1m', file: 'prometheus-1m.json', kind: 'prometheus', what: 'Prometheus `query_range`, 10 probes × 100,000 minutes' },
  { name: 'statuspage-1000', file: 'statuspage-1000.json', kind: 'statuspage', what: 'Statuspage `incidents.json`, 1,000 incidents' },
  { name: 'demo', file: 'demo.json', kind: 'nines', what: 'the demo (Nines format)' },
  { name: 'collected-5y', file: 'collected/index.json', kind: 'nines', what: 'a collected folder: 5 years, 10,000 incidents, 50 probes × 90 days of minutes' },
];

async function timeNines(browser, baseUrl, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}?source=${encodeURIComponent(`bench/${file}`)}`);
  const handle = await page.waitForFunction(
    () => {
      const [draw] = performance.getEntriesByName('nines:draw');
      return draw ? draw.startTime + draw.duration : null;
    },
    null,
    { timeout: 300_000, polling: 20 },
  );
  const ms = await handle.jsonValue();
  await context.close();
  return ms;
}

async function timeBare(browser, baseUrl, file, kind) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}bench/first-chart.html?file=${encodeURIComponent(file)}&kind=${kind}`);
  const handle = await page.waitForFunction(() => window.firstChartMs ?? null, null, { timeout: 300_000, polling: 20 });
  const ms = await handle.jsonValue();
  await context.close();
  return ms;
}

/** Nines on the collected folder against Nines on the demo. */
function collectedVsDemo(results) {
  const [demo, collected] = ['demo', 'collected-5y'].map((name) => results.find((r) => r.name === name));
  return collected.nines_ms / demo.nines_ms;
}

function section(results, runs, chromiumVersion) {
  const vsDemo = collectedVsDemo(results);
  const vsDemoMet = vsDemo <= COLLECTED_VS_DEMO_TARGET ? 'met' : 'missed';
  const rows = results.map((r) => {
    const target = TARGET[r.name];
    const met = r.ratio <= target ? 'met' : `missed (${(r.ratio / target).toFixed(2)}× the target)`;
    return `| ${r.what} | ${(r.bytes / 1e6).toFixed(1)} MB | ${spreadText(r.nines)} ms | ${spreadText(r.uplot)} ms | ${r.ratio.toFixed(2)} | ≤ ${target.toFixed(1)}: ${met} |`;
  });
  return [
    '<!-- first-chart-bench:start -->',
    `Measured by \`make bench-first-chart\` on ${measuredOn(chromiumVersion)} headless: ${runs} alternating runs each, 1280×900 CSS px, every run in a new browser context; milliseconds from navigation to the end of the first chart, median (min, p25–p75); the ratio is of the medians:`,
    '',
    '| case | bytes | Nines | bare uPlot page | ratio | target |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `From the collected folder, Nines's first chart takes ${vsDemo.toFixed(2)}× its first chart from the demo (target ≤ ${COLLECTED_VS_DEMO_TARGET.toFixed(1)}: ${vsDemoMet}).`,
    '<!-- first-chart-bench:end -->',
  ].join('\n');
}

async function main() {
  const opts = parseArgs('bench-first-chart', process.argv.slice(2), { runs: 7, minRuns: 7 });
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.error('bench-first-chart: dist/index.html is missing; run make build');
    process.exit(1);
  }
  const root = prepare();
  const server = await serve(root, '/nines/');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const only = process.env.NINES_FIRST_CHART_CASES?.split(',');
    const cases = only ? CASES.filter((c) => only.includes(c.name)) : CASES;
    if (cases.length === 0) throw new Error(`no case is named in NINES_FIRST_CHART_CASES (${only})`);
    const results = [];
    for (const c of cases) {
      const nines = [];
      const uplot = [];
      for (let i = 0; i < opts.runs; i++) {
        nines.push(await timeNines(browser, server.url, c.file));
        uplot.push(await timeBare(browser, server.url, c.file, c.kind));
      }
      const r = { ...c, bytes: bytesOf(root, c.file), nines_ms: median(nines), uplot_ms: median(uplot), nines, uplot };
      r.ratio = r.nines_ms / r.uplot_ms;
      results.push(r);
      console.log(
        `bench case=first-chart-${c.name} runs=${opts.runs} bytes=${r.bytes} nines_ms=${r.nines_ms.toFixed(1)} uplot_ms=${r.uplot_ms.toFixed(1)} ratio=${r.ratio.toFixed(3)} target=${TARGET[c.name]}`,
      );
    }
    if (['demo', 'collected-5y'].every((name) => results.some((r) => r.name === name))) {
      console.log(`bench case=first-chart-collected-vs-demo ratio=${collectedVsDemo(results).toFixed(3)} target=${COLLECTED_VS_DEMO_TARGET}`);
    }
    if (opts.docs && !only) writeDocsSection('first-chart-bench', 'First chart', section(results, opts.runs, browser.version()));
  } finally {
    await browser.close();
    server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench-first-chart: ${error.message}`);
  process.exit(1);
});
