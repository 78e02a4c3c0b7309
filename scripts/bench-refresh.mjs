#!/usr/bin/env node
// The main-thread cost of a live refresh against a first load (`make bench-refresh`).
//
//   node scripts/bench-refresh.mjs [--runs N] [--no-docs]
//
// Serves the release build in dist/ (run `make build` first) with scripts/serve.mjs and opens the
// overview in the system Chromium, with one source: the demo, refreshed every 10 s (the shortest
// interval a config may ask for). Each run is a new browser context:
//
//   first load  from navigation until every chart has drawn and the page is quiet;
//   refresh     from the refresh's request until the new data is drawn and the page is quiet
//               (the refreshed file has a new title, so it is new data, not a cache hit).
//
// Main-thread time is Chromium's own `TaskDuration` (Performance.getMetrics over the DevTools
// protocol): the time the renderer's main thread spent on tasks, whatever ran them. Prints
//
//   bench case=refresh runs=<n> first_load_ms=<median> refresh_ms=<median> ratio=<refresh/first>
//
// with the `nines:draw` measures each took, then rewrites the refresh section of
// docs/performance.md. Environment: CHROMIUM (default /usr/bin/chromium).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { measuredOn, median, parseArgs, ROOT, serve, spreadText, writeDocsSection } from './bench-common.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const DIST = path.join(ROOT, 'dist');
const REFRESH_S = 10;
/** The page counts as quiet when no chart has drawn for this long. */
const QUIET_MS = 750;

/** Milliseconds the renderer's main thread has spent on tasks so far. */
async function taskMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((m) => m.name === 'TaskDuration');
  if (!task) throw new Error('Chromium reports no TaskDuration metric');
  return task.value * 1000;
}

const drawCount = (page) => page.evaluate(() => performance.getEntriesByName('nines:draw').length);

/** Waits until at least `atLeast` draws happened and none for QUIET_MS; the number of draws. */
async function quiet(page, atLeast) {
  let last = await drawCount(page);
  let since = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    const now = await drawCount(page);
    if (now !== last) [last, since] = [now, Date.now()];
    else if (now >= atLeast && Date.now() - since >= QUIET_MS) return now;
    if (Date.now() - since > 30_000) throw new Error(`no quiet page: ${now} draws, wanted ${atLeast}`);
  }
}

async function run(browser, baseUrl, demo, refreshed) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const config = { format: 'nines-config', version: 1, sources: [{ id: 'demo', label: 'Demo data', url: 'data/demo.json', refresh_s: REFRESH_S }] };
  await page.route('**/nines/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let fetches = 0;
  let refreshAsked = null;
  await page.route('**/data/demo.json', async (route) => {
    fetches++;
    if (fetches === 2) refreshAsked = await taskMs(cdp);
    return route.fulfill({ status: 200, contentType: 'application/json', body: fetches === 1 ? demo : refreshed });
  });
  const before = await taskMs(cdp);
  await page.goto(baseUrl);
  await page.locator('[data-testid=overall-status]').waitFor({ timeout: 30_000 });
  const firstDraws = await quiet(page, 1);
  const loaded = await taskMs(cdp);

  await page.locator('h1', { hasText: 'refreshed' }).waitFor({ timeout: (REFRESH_S + 30) * 1000 });
  if (fetches !== 2 || refreshAsked === null) throw new Error(`expected one refresh fetch, saw ${fetches - 1}`);
  if (refreshAsked < loaded) throw new Error('the refresh came before the first load was quiet');
  const allDraws = await quiet(page, firstDraws + 1);
  const after = await taskMs(cdp);
  await context.close();
  return { first_ms: loaded - before, refresh_ms: after - refreshAsked, first_draws: firstDraws, refresh_draws: allDraws - firstDraws };
}

/** The refresh section of docs/performance.md. */
function section(result, runs, chromiumVersion) {
  return [
    '<!-- refresh-bench:start -->',
    `Measured by \`make bench-refresh\` on ${measuredOn(chromiumVersion)} headless: ${runs} runs, the demo file, the overview at 1280×900 CSS px. Main-thread time in ms: median (min, p25–p75).`,
    '',
    '| | main-thread time | charts drawn |',
    '| --- | ---: | ---: |',
    `| first load | ${spreadText(result.first_all)} ms | ${result.first_draws} |`,
    `| live refresh with new data | ${spreadText(result.refresh_all)} ms | ${result.refresh_draws} |`,
    '',
    `A refresh costs ${result.ratio.toFixed(2)}× a first load.`,
    '<!-- refresh-bench:end -->',
  ].join('\n');
}

async function main() {
  const opts = parseArgs('bench-refresh', process.argv.slice(2), { runs: 9, minRuns: 7 });
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.error('bench-refresh: dist/index.html is missing; run make build');
    process.exit(1);
  }
  const demo = readFileSync(path.join(ROOT, 'public', 'data', 'demo.json'), 'utf8');
  const parsed = JSON.parse(demo);
  parsed.title = `${parsed.title} — refreshed`;
  const refreshed = JSON.stringify(parsed);
  const server = await serve(DIST, '/nines/');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const results = [];
    for (let i = 0; i < opts.runs; i++) results.push(await run(browser, server.url, demo, refreshed));
    const first_ms = median(results.map((r) => r.first_ms));
    const refresh_ms = median(results.map((r) => r.refresh_ms));
    const result = {
      first_ms,
      refresh_ms,
      first_all: results.map((r) => r.first_ms),
      refresh_all: results.map((r) => r.refresh_ms),
      ratio: refresh_ms / first_ms,
      first_draws: median(results.map((r) => r.first_draws)),
      refresh_draws: median(results.map((r) => r.refresh_draws)),
    };
    console.log(
      `bench case=refresh runs=${opts.runs} first_load_ms=${first_ms.toFixed(1)} refresh_ms=${refresh_ms.toFixed(1)} ratio=${result.ratio.toFixed(3)} first_draws=${result.first_draws} refresh_draws=${result.refresh_draws}`,
    );
    if (opts.docs) writeDocsSection('refresh-bench', 'Live refresh', section(result, opts.runs, browser.version()));
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((error) => {
  console.error(`bench-refresh: ${error.message}`);
  process.exit(1);
});
