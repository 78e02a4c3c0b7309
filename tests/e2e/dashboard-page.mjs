// Page object and fixtures for the Nines dashboard end-to-end tests.
// Every selector of the page contract lives here, and nowhere else.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { ROOT, serve } from '../../scripts/bench-common.mjs';
import { policyFor } from '../../scripts/csp.mjs';

/** The built page's Content-Security-Policy meta; its content is group 2. */
const POLICY_META = /(<meta http-equiv=Content-Security-Policy content=")([^"]*)(")/;

export const SELECTORS = {
  loading: '[data-testid=loading]',
  overallStatus: '[data-testid=overall-status]',
  asOf: '[data-testid=as-of]',
  serviceRow: '[data-testid=service-row]',
  availability30d: '[data-testid=availability-30d]',
  loadError: '[data-testid=load-error]',
  availabilityCurve: 'canvas[data-testid=availability-curve]',
  outageTimeline: 'canvas[data-testid=outage-timeline]',
  timelineOverlay: '[data-testid=outage-timeline-overlay]',
  timelineTooltip: '[data-testid=outage-timeline-tooltip]',
  timelineFrame: '.chart-frame:has(canvas[data-testid=outage-timeline])',
  outageRow: '[data-testid=outage-row]',
  chartRange: '[data-testid=chart-range]',
  incidentDetail: '[data-testid=incident-detail]',
  incidentId: '[data-testid=incident-id]',
  incidentDuration: '[data-testid=incident-duration]',
  incidentOrigin: '[data-testid=incident-origin]',
  uptimeBarsRow: '[data-testid=uptime-bars-row]',
  uptimeBars: 'canvas[data-testid=uptime-bars]',
  burndown: 'canvas[data-testid=burndown]',
};

/** The demo's Thursday outage MO1221364: major from 13:10 to 19:40 UTC, partial until Friday 14:05. */
export const THURSDAY = {
  id: 'MO1221364',
  majorFromMs: Date.parse('2026-11-19T13:10:00Z'),
  majorToMs: Date.parse('2026-11-19T19:40:00Z'),
  partialToMs: Date.parse('2026-11-20T14:05:00Z'),
};

/** The middle of the Thursday outage's major part. */
export const THURSDAY_MAJOR_MID_MS = (THURSDAY.majorFromMs + THURSDAY.majorToMs) / 2;

/** The email row of the outage timeline (first row): 6 px top margin, 18 px bar, in CSS pixels. */
export const EMAIL_ROW_Y_CSS = 6 + 9;

export const DAY_MS = 86_400_000;

export const SERVICE_IDS = ['email', 'chat', 'files', 'sso', 'webapp', 'api', 'suite', 'network'];

/** Colour the timeline uses only for major outages. */
export const MAJOR_OUTAGE_RGB = [213, 94, 0];

/** "96.54 %" (any whitespace, or none, before the sign) -> 96.54; otherwise NaN. */
export function parsePercent(text) {
  const m = /^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$/u.exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

export class DashboardPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.loading = page.locator(SELECTORS.loading);
    this.overallStatus = page.locator(SELECTORS.overallStatus);
    this.asOf = page.locator(SELECTORS.asOf);
    this.rows = page.locator(SELECTORS.serviceRow);
    this.loadError = page.locator(SELECTORS.loadError);
    this.availabilityCurve = page.locator(SELECTORS.availabilityCurve);
    this.outageTimeline = page.locator(SELECTORS.outageTimeline);
  }

  /** Open the dashboard; `query` is e.g. "?source=missing.json". Relative to baseURL (/nines/). */
  async goto(query = '') {
    await this.page.goto(`./${query}`);
  }

  /** Wait until the data is loaded and rendered (status, as-of, 8 rows, both canvases). */
  async waitLoaded() {
    await expect(this.overallStatus).toBeVisible({ timeout: 30_000 });
    await expect(this.rows).toHaveCount(SERVICE_IDS.length);
    await expect(this.asOf).toBeVisible();
    await expect(this.availabilityCurve).toBeVisible();
    await expect(this.outageTimeline).toBeVisible();
  }

  /**
   * CSS-pixel coordinates (relative to the canvas) of instant `tMs` on a chart, from the time
   * axis the chart publishes on its canvas (data-start-ms, data-end-ms and the plot's device
   * pixel edges), and `yCss` unchanged.
   */
  async pointAt(canvas, tMs, yCss) {
    return canvas.evaluate(
      (el, { tMs, yCss }) => {
        const n = (name) => Number(el.getAttribute(name));
        const [start, end, left, right] = [n('data-start-ms'), n('data-end-ms'), n('data-plot-left-px'), n('data-plot-right-px')];
        const xDevice = left + ((tMs - start) / (end - start)) * (right - left);
        const ratio = el.width / el.getBoundingClientRect().width;
        return { x: xDevice / ratio, y: yCss, ratio };
      },
      { tMs, yCss },
    );
  }

  /** The share of pixels within `radius` device pixels of CSS point (x, y) close to `rgb`. */
  async shareNear(canvas, { x, y }, rgb, radius = 3, tolerance = 8) {
    return canvas.evaluate(
      (el, { x, y, rgb, radius, tolerance }) => {
        const ratio = el.width / el.getBoundingClientRect().width;
        const [cx, cy] = [Math.floor(x * ratio), Math.floor(y * ratio)];
        const data = el.getContext('2d').getImageData(cx - radius, cy - radius, 2 * radius + 1, 2 * radius + 1).data;
        let close = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (rgb.every((c, k) => Math.abs(data[i + k] - c) <= tolerance)) close++;
        }
        return close / (data.length / 4);
      },
      { x, y, rgb, radius, tolerance },
    );
  }

  /**
   * Page coordinates (CSS pixels from the top-left of the whole document, as in a full-page
   * screenshot at devicePixelRatio 1) of the CSS point (x, y) relative to `locator`'s element.
   */
  async inPage(locator, { x, y }) {
    return locator.evaluate(
      (el, { x, y }) => {
        const rect = el.getBoundingClientRect();
        return { x: rect.left + window.scrollX + x, y: rect.top + window.scrollY + y };
      },
      { x, y },
    );
  }

  /**
   * Decodes `png` (a screenshot's bytes) in the page and, for each probe { x, y, rgb, radius,
   * tolerance } in image pixels, returns the share of pixels within `radius` of (x, y) whose
   * channels are all within `tolerance` of `rgb`, as shareNear does on a canvas; also the image's
   * size.
   */
  async sharesInImage(png, probes) {
    return this.page.evaluate(
      async ({ base64, probes }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
          colorSpaceConversion: 'none',
          premultiplyAlpha: 'none',
        });
        const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
        ctx.drawImage(bitmap, 0, 0);
        const shares = probes.map(({ x, y, rgb, radius = 3, tolerance = 8 }) => {
          const [cx, cy] = [Math.floor(x), Math.floor(y)];
          const data = ctx.getImageData(cx - radius, cy - radius, 2 * radius + 1, 2 * radius + 1).data;
          let close = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (rgb.every((c, k) => Math.abs(data[i + k] - c) <= tolerance)) close++;
          }
          return close / (data.length / 4);
        });
        return { width: bitmap.width, height: bitmap.height, shares };
      },
      { base64: png.toString('base64'), probes },
    );
  }

  /** The visible range of the linked charts, as the curve's and timeline's [start, end] ms. */
  async linkedSpans() {
    const span = (loc) => loc.evaluate((el) => [Number(el.getAttribute('data-start-ms')), Number(el.getAttribute('data-end-ms'))]);
    return { curve: await span(this.availabilityCurve), timeline: await span(this.outageTimeline) };
  }

  row(serviceId) {
    return this.page.locator(`${SELECTORS.serviceRow}[data-service-id="${serviceId}"]`);
  }

  availabilityCell(serviceId) {
    return this.row(serviceId).locator(SELECTORS.availability30d);
  }

  async serviceIds() {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service-id')));
  }

  /** The 30-day availability of a service as a number (96.54 for "96.54 %"). */
  async availability30d(serviceId) {
    return parsePercent(await this.availabilityCell(serviceId).innerText());
  }

  /**
   * Reads a canvas's whole backing store in the page and summarises it:
   * backing-store and CSS sizes, devicePixelRatio, number of distinct colours
   * (capped), fraction of pixels differing from the top-left one, and whether
   * any pixel is within `tolerance` of each colour in `lookFor`.
   */
  async canvasStats(locator, { lookFor = [], tolerance = 6 } = {}) {
    return locator.evaluate(
      (canvas, { lookFor, tolerance }) => {
        const rect = canvas.getBoundingClientRect();
        const ctx = canvas.getContext('2d');
        const out = {
          width: canvas.width,
          height: canvas.height,
          cssWidth: rect.width,
          cssHeight: rect.height,
          dpr: window.devicePixelRatio,
          hasContext: !!ctx,
          distinctColours: 0,
          differingFraction: 0,
          found: lookFor.map(() => false),
        };
        if (!ctx || canvas.width === 0 || canvas.height === 0) return out;
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const [r0, g0, b0, a0] = [data[0], data[1], data[2], data[3]];
        const colours = new Set();
        let differing = 0;
        for (let i = 0; i < data.length; i += 4) {
          const r = data[i], g = data[i + 1], b = data[i + 2], a = data[i + 3];
          if (r !== r0 || g !== g0 || b !== b0 || a !== a0) differing++;
          if (colours.size < 4096) colours.add(((r << 24) | (g << 16) | (b << 8) | a) >>> 0);
          for (let k = 0; k < lookFor.length; k++) {
            if (out.found[k] || a < 250) continue;
            const [tr, tg, tb] = lookFor[k];
            if (Math.abs(r - tr) <= tolerance && Math.abs(g - tg) <= tolerance && Math.abs(b - tb) <= tolerance) {
              out.found[k] = true;
            }
          }
        }
        out.distinctColours = colours.size;
        out.differingFraction = differing / (data.length / 4);
        return out;
      },
      { lookFor, tolerance },
    );
  }
}

const ASSET_RE = /\.(?:wasm|js|css)$/i;

function isAssetUrl(url) {
  try {
    return ASSET_RE.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/**
 * Serves `config` (the members after `format` and `version`) as the page's config.json, and the
 * page with the Content-Security-Policy a release build from that config carries
 * (`scripts/csp.mjs`): its allowed origins in `connect-src`, its logo's in `img-src`. For origins
 * the test answers itself with `page.route`; a real server on loopback needs `servePage`.
 */
export async function serveConfig(page, config) {
  const full = { format: 'nines-config', version: 1, ...config };
  const body = JSON.stringify(full);
  await page.route('**/nines/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await page.route(
    (url) => url.pathname === '/nines/' || url.pathname === '/nines/index.html',
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      if (!POLICY_META.test(html)) throw new Error('the built index.html carries no Content-Security-Policy');
      await route.fulfill({ response, body: html.replace(POLICY_META, `$1${policyFor(full)}$3`) });
    },
  );
}

/**
 * The release build as built with `config` (its config.json and its policy), served on a port of
 * its own under /nines/: for sources on real loopback servers, which Chromium lets only a page
 * itself served from loopback reach. Resolves to `{ url, reconfigure(config), stop }`.
 */
export async function servePage(config) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'nines-page-'));
  cpSync(path.resolve(ROOT, process.env.NINES_DIST || 'dist'), root, { recursive: true });
  const index = path.join(root, 'index.html');
  const built = readFileSync(index, 'utf8');
  if (!POLICY_META.test(built)) throw new Error('the built index.html carries no Content-Security-Policy');
  /** Writes `config` (and its policy) as the page's, as a build with it would. */
  const reconfigure = (config) => {
    const full = { format: 'nines-config', version: 1, ...config };
    writeFileSync(path.join(root, 'config.json'), JSON.stringify(full));
    writeFileSync(index, built.replace(POLICY_META, `$1${policyFor(full)}$3`));
  };
  reconfigure(config);
  const server = await serve(root, '/nines/');
  return {
    url: server.url,
    // For a config that must name the page's own address (a sign-in's redirect URI).
    reconfigure,
    stop() {
      server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Test fixtures:
 *  - `dashboard`: a DashboardPage for the test's page;
 *  - `problems` (automatic): records console errors (a Content-Security-Policy
 *    violation is one), uncaught page errors,
 *    and failed (network error or HTTP >= 400) requests for .wasm/.js/.css
 *    assets, and fails the test after it ran if any were recorded. A test that
 *    expects a particular error calls `problems.tolerateConsoleError(fn)`
 *    with a predicate over { text, url }.
 *  - `requests`: every URL the page requested, in order.
 */
export const test = base.extend({
  requests: async ({ page }, use) => {
    const urls = [];
    page.on('request', (req) => urls.push(req.url()));
    await use(urls);
  },

  problems: [
    async ({ page }, use) => {
      const found = [];
      const tolerated = [];
      const api = {
        tolerateConsoleError(predicate) {
          tolerated.push(predicate);
        },
        list: found,
      };
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const entry = { text: msg.text(), url: msg.location()?.url || '' };
        if (tolerated.some((ok) => ok(entry))) return;
        found.push(`console error: ${entry.text}${entry.url ? ` (at ${entry.url})` : ''}`);
      });
      page.on('pageerror', (err) => found.push(`uncaught page error: ${err.stack || err.message}`));
      // Whatever the policy blocks is an error, in the page and in its workers.
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content-Security-Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
        ),
      );
      page.on('requestfailed', (req) => {
        if (isAssetUrl(req.url())) {
          found.push(`asset request failed: ${req.url()} (${req.failure()?.errorText || 'unknown error'})`);
        }
      });
      page.on('response', (res) => {
        if (res.status() >= 400 && isAssetUrl(res.url())) {
          found.push(`asset request failed: ${res.url()} (HTTP ${res.status()})`);
        }
      });
      await use(api);
      expect(found, 'console errors, page errors or failed asset requests').toEqual([]);
    },
    { auto: true },
  ],

  dashboard: async ({ page }, use) => {
    await use(new DashboardPage(page));
  },
});

export { expect };
