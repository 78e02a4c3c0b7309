// Soak test: 50 sources refreshing for NINES_SOAK_SECONDS (default 600) of real time, with
// failures injected, in headless Chromium, on the overview; then for a quarter of that on the
// incidents view, and as long on a service's dependencies panel. The page's clock is Playwright's: it runs with real
// time and is moved 8 s further every 2 s, so each source (refresh_s 10, the least a config may
// ask) is asked about every 2 s of real time. The sources are served by a loopback server here:
// most answers are a small Nines file whose `as_of` moves on, others are an HTTP 500, malformed
// JSON, a connection cut mid-body, or an answer that never finishes (the page gives up after its
// 20 s timeout).
//
// After the first quarter (the warm-up) and at the end, with garbage collected:
//   - the JS heap and the wasm memory are within 10 % of what they were after the warm-up;
//   - timers waiting to fire are at most six per source (thousands, were one left per request);
// and throughout, no source is asked again while an answer to it is still open, and the page
// throws nothing.
import http from 'node:http';
import { test, expect, servePage, SELECTORS } from './dashboard-page.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const SOURCES = 50;
const SOAK_MS = Number(process.env.NINES_SOAK_SECONDS || 600) * 1000;
const TICK_MS = 2_000;
/** Page time added on each tick, on top of the real time that passed. */
const JUMP_MS = 8_000;
const MINUTE_MS = 60_000;
/** Heap and memory may end this much above what they were after the warm-up. */
const GROWTH_ALLOWED = 1.1;
/** Timers waiting at the end, at most: how many wait at one moment depends on how many requests
 * are in flight then (each source has its next attempt, may have a request's timeout and a copy
 * to keep after the next paint), between about 60 and 170 here. A timer left behind by each
 * request would be thousands. */
const TIMERS_ALLOWED = 6 * SOURCES;

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  },
});

/** A Nines file of source `k`: a day of one-minute results ending at `asOfMs`, down for `k` minutes. */
function sourceFile(k, asOfMs) {
  const end = Math.floor(asOfMs / MINUTE_MS) * MINUTE_MS;
  const start = end - 1440 * MINUTE_MS;
  const up = new Array(1440).fill(1);
  up.fill(0, 600, 600 + k);
  const iso = (ms) => new Date(ms).toISOString();
  return JSON.stringify({
    format: 'nines',
    version: 1,
    title: `Source ${k}`,
    as_of: iso(end),
    coverage: { start: iso(start), end: iso(end) },
    services: [{ id: `svc-${k}`, name: `Service ${k}` }],
    series: [{ service: `svc-${k}`, start: iso(start), step_s: 60, up }],
  });
}

/** The loopback server of the 50 sources; it records the answers still open for each. */
async function startSources() {
  const asked = new Array(SOURCES).fill(0);
  const open = Array.from({ length: SOURCES }, () => new Set());
  const overlaps = [];
  const server = http.createServer((req, res) => {
    const k = Number(/^\/s\/(\d+)\.json$/.exec(req.url)?.[1]);
    if (!(k >= 0 && k < SOURCES)) {
      res.writeHead(404).end();
      return;
    }
    const n = asked[k]++;
    // A source asked while an earlier answer is still open half a second later is asked twice
    // at once (the grace covers a cancelled answer whose close is still on its way).
    const earlier = [...open[k]];
    if (earlier.length > 0) {
      setTimeout(() => {
        if (earlier.some((r) => open[k].has(r))) overlaps.push(`source ${k}, request ${n}`);
      }, 500);
    }
    open[k].add(res);
    res.on('close', () => open[k].delete(res));
    const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    const body = sourceFile(k, Date.now() + 4 * (Date.now() - startedMs));
    if (n > 0 && n % 11 === 3) {
      res.writeHead(500, headers).end('{"error": "injected"}');
    } else if (n % 13 === 5) {
      res.writeHead(200, headers).end(body.slice(0, body.length / 2));
    } else if (n % 17 === 7) {
      // Headers, half the body, then the connection is cut.
      res.writeHead(200, { ...headers, 'content-length': String(body.length) });
      res.write(body.slice(0, body.length / 2), () => res.destroy());
    } else if (n % 19 === 9) {
      // Never finished: the page's own timeout ends it (the server lets go after 90 s). Sent
      // with `connection: close`: otherwise the browser, once the page gives up, may keep the
      // connection open for up to 5 s to drain the rest of the body for reuse, and the next
      // request would meet an answer the page no longer waits for.
      res.writeHead(200, { ...headers, connection: 'close' });
      res.write(body.slice(0, 100));
      setTimeout(() => res.destroy(), 90_000).unref();
    } else {
      res.writeHead(200, headers).end(body);
    }
  });
  const startedMs = Date.now();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    asked,
    overlaps,
    stop() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Before the page runs (after the clock is installed): count the timers waiting to fire. */
async function countTimers(page) {
  await page.addInitScript(() => {
    const waiting = new Set();
    const { setTimeout: set, clearTimeout: clear } = window;
    window.setTimeout = function (callback, delay, ...rest) {
      const id = set.call(window, (...args) => {
        waiting.delete(id);
        if (typeof callback === 'function') callback(...args);
      }, delay, ...rest);
      waiting.add(id);
      return id;
    };
    window.clearTimeout = function (id) {
      waiting.delete(id);
      return clear.call(window, id);
    };
    window.__timersWaiting = () => waiting.size;
    addEventListener('TrunkApplicationStarted', (event) => {
      window.__wasmMemory = event.detail.wasm.memory;
    });
  });
}

/** The JS heap (after collecting garbage twice), the wasm memory and the timers waiting. */
function measure(page) {
  return page.evaluate(() => {
    window.gc();
    window.gc();
    return {
      heap_bytes: window.__heapBytes(),
      wasm_bytes: window.__wasmMemory.buffer.byteLength,
      timers: window.__timersWaiting(),
    };
  });
}

/**
 * Runs the 50 sources for `soakMs` of real time on the screen at `query`, measuring after the
 * first quarter (the warm-up) and at the end, from when `ready` says every source is shown;
 * checks what every screen must keep flat, and returns the two measures.
 */
async function soak({ page, problems }, query, soakMs, ready, extra = {}) {
  const sources = await startSources();
  // The injected failures: the console reports each failed request as a network error.
  problems.tolerateConsoleError(({ text, url }) => url.startsWith(sources.origin) || text.includes(sources.origin));
  const config = {
    ...extra,
    allow_origins: [sources.origin],
    sources: Array.from({ length: SOURCES }, (_, k) => ({ id: `s${k}`, label: `Source ${k}`, url: `${sources.origin}/s/${k}.json`, refresh_s: 10 })),
  };
  const site = await servePage(config);
  try {
    // Playwright's clock replaces `performance`: its memory figure is read from the real one.
    await page.addInitScript(() => {
      const real = performance;
      window.__heapBytes = () => real.memory.usedJSHeapSize;
    });
    await page.clock.install();
    await countTimers(page);
    await page.goto(`${site.url}${query}`);
    await ready();
    return await run(page, sources, soakMs);
  } finally {
    sources.stop();
    site.stop();
  }
}

/** The ticks of a soak, once the page shows every source. */
async function run(page, sources, soakMs) {
  const started = Date.now();
  let warm = null;
  const samples = [];
  while (Date.now() - started < soakMs) {
    await page.waitForTimeout(TICK_MS);
    await page.clock.fastForward(JUMP_MS);
    if (!warm && Date.now() - started >= soakMs / 4) {
      warm = await measure(page);
      samples.push({ at_s: Math.round((Date.now() - started) / 1000), ...warm });
    }
  }
  const end = await measure(page);
  samples.push({ at_s: Math.round((Date.now() - started) / 1000), ...end });
  console.log(`soak: ${sources.asked.reduce((a, b) => a + b, 0)} requests; ${JSON.stringify(samples)}`);

  expect(Math.min(...sources.asked), 'every source was asked again and again').toBeGreaterThan(soakMs / 1000 / 10);
  expect(sources.overlaps, 'a source asked while an answer to it was still open').toEqual([]);
  expect(end.heap_bytes, `JS heap after the warm-up ${warm.heap_bytes}`).toBeLessThanOrEqual(warm.heap_bytes * GROWTH_ALLOWED);
  expect(end.wasm_bytes, `wasm memory after the warm-up ${warm.wasm_bytes}`).toBeLessThanOrEqual(warm.wasm_bytes * GROWTH_ALLOWED);
  expect(end.timers, `timers waiting (after the warm-up: ${warm.timers})`).toBeLessThanOrEqual(TIMERS_ALLOWED);
  return { warm, end };
}

test('50 sources refreshing with failures keep memory, timers and requests flat', async ({ dashboard, page, problems }) => {
  test.setTimeout(SOAK_MS + 180_000);
  await soak({ page, problems }, '', SOAK_MS, () => expect(dashboard.rows).toHaveCount(SOURCES, { timeout: 60_000 }));
  // Still working: every service is listed, and the figures are there.
  await expect(dashboard.rows).toHaveCount(SOURCES);
  await expect(page.locator(SELECTORS.overallStatus)).toBeVisible();
});

// The incidents view is drawn anew with each refresh, its filters with it (a drop-down of the 50
// services): what it subscribes to must go with it. A quarter of the overview's run.
test('the incidents view, drawn anew as 50 sources refresh, keeps memory flat', async ({ page, problems }) => {
  test.setTimeout(SOAK_MS / 4 + 180_000);
  const services = page.getByTestId('filter-service').locator('option');
  await soak({ page, problems }, '?view=incidents', SOAK_MS / 4, () => expect(services).toHaveCount(SOURCES + 1, { timeout: 60_000 }));
  await expect(services).toHaveCount(SOURCES + 1);
  await expect(page.getByTestId('incident-count')).toHaveText('0 incidents');
});

// The dependencies panel is drawn anew with each refresh too, its what-if choices and service
// links with it: a service needing 20 others. A quarter of the overview's run.
test('the dependencies panel, drawn anew as 50 sources refresh, keeps memory flat', async ({ page, problems }) => {
  test.setTimeout(SOAK_MS / 4 + 180_000);
  const rows = page.getByTestId('dependency-row');
  const dependencies = [{ service: 'svc-0', requires: Array.from({ length: 20 }, (_, k) => `svc-${k + 1}`) }];
  await soak({ page, problems }, '?view=service&service=svc-0', SOAK_MS / 4, () => expect(rows).toHaveCount(20, { timeout: 60_000 }), { dependencies });
  await expect(rows).toHaveCount(20);
});
