// End-to-end tests of the release build (dist/) served under /nines/.
// Every test also fails on console errors, uncaught page errors and failed
// .wasm/.js/.css requests (see the `problems` fixture in dashboard-page.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  test,
  expect,
  SERVICE_IDS,
  MAJOR_OUTAGE_RGB,
  THURSDAY,
  THURSDAY_MAJOR_MID_MS,
  EMAIL_ROW_Y_CSS,
  DAY_MS,
  parsePercent,
} from './dashboard-page.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Non-blank canvas whose backing store matches its CSS size × devicePixelRatio. */
async function expectCanvasDrawn(dashboard, locator, name, options) {
  // Drawing may land a frame after the data; poll until the canvas is non-blank.
  await expect
    .poll(async () => (await dashboard.canvasStats(locator)).differingFraction, {
      message: `${name} canvas should get drawn`,
      timeout: 15_000,
    })
    .toBeGreaterThanOrEqual(0.01);
  const stats = await dashboard.canvasStats(locator, options);
  expect(stats.hasContext, `${name}: 2d context`).toBe(true);
  expect(stats.width, `${name}: backing width = CSS width × DPR`).toBe(Math.round(stats.cssWidth * stats.dpr));
  expect(stats.height, `${name}: backing height = CSS height × DPR`).toBe(Math.round(stats.cssHeight * stats.dpr));
  expect(stats.width, `${name}: non-empty`).toBeGreaterThan(0);
  expect(stats.height, `${name}: non-empty`).toBeGreaterThan(0);
  expect(stats.distinctColours, `${name}: distinct colours`).toBeGreaterThanOrEqual(2);
  expect(stats.differingFraction, `${name}: share of pixels unlike the top-left one`).toBeGreaterThanOrEqual(0.01);
  return stats;
}

test.describe('loaded dashboard', () => {
  test('shows status, as-of time and one row per service', async ({ dashboard }) => {
    await dashboard.goto();
    await dashboard.waitLoaded();

    const status = (await dashboard.overallStatus.innerText()).trim();
    expect(status, 'overall status is a sentence').toMatch(/^\S.*\w.*[.!]$/su);

    await expect(dashboard.asOf).toContainText('2026-11-23 00:00 UTC');

    await expect(dashboard.rows).toHaveCount(8);
    expect((await dashboard.serviceIds()).slice().sort()).toEqual(SERVICE_IDS.slice().sort());

    for (const id of SERVICE_IDS) {
      const cell = dashboard.availabilityCell(id);
      await expect(cell, `${id} has one 30-day availability cell`).toHaveCount(1);
      const text = await cell.innerText();
      const value = parsePercent(text);
      expect(Number.isFinite(value), `${id} 30-day availability "${text}" is a percentage like "96.54 %"`).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }

    // The demo data has a day-long North America email outage on 2026-11-19.
    expect(await dashboard.availability30d('email'), 'email 30-day availability').toBeLessThan(99);
    expect(await dashboard.availability30d('chat'), 'chat 30-day availability').toBeGreaterThan(99.9);
  });

  test('draws both charts at device resolution', async ({ dashboard }) => {
    await dashboard.goto();
    await dashboard.waitLoaded();
    await expectCanvasDrawn(dashboard, dashboard.availabilityCurve, 'availability curve');
    const timeline = await expectCanvasDrawn(dashboard, dashboard.outageTimeline, 'outage timeline', {
      lookFor: [MAJOR_OUTAGE_RGB],
      tolerance: 6,
    });
    expect(timeline.found[0], `outage timeline shows a major outage in rgb(${MAJOR_OUTAGE_RGB.join(', ')})`).toBe(true);
  });

  test.describe('on a high-DPI screen', () => {
    test.use({ deviceScaleFactor: 2 });

    test('sizes the canvases’ backing stores by devicePixelRatio', async ({ dashboard, page }) => {
      await dashboard.goto();
      await dashboard.waitLoaded();
      expect(await page.evaluate(() => window.devicePixelRatio)).toBe(2);
      await expectCanvasDrawn(dashboard, dashboard.availabilityCurve, 'availability curve');
      await expectCanvasDrawn(dashboard, dashboard.outageTimeline, 'outage timeline');
    });
  });

  test('loads every asset from under the /nines/ sub-path', async ({ dashboard, requests, baseURL }) => {
    await dashboard.goto();
    await dashboard.waitLoaded();
    const fetched = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
    const outside = fetched.filter((u) => !u.startsWith(baseURL));
    expect(outside, `requests outside ${baseURL}`).toEqual([]);
    const paths = fetched.map((u) => new URL(u).pathname);
    expect(paths.some((p) => p.endsWith('.wasm')), 'a .wasm module was loaded').toBe(true);
    expect(paths.some((p) => p.endsWith('.js')), 'a .js module was loaded').toBe(true);

    // URLs the document names (resolved by the browser) must stay under the
    // sub-path too. The page must also declare its icon: without
    // <link rel="icon">, Chromium fetches /favicon.ico from the site root,
    // which 404s on GitHub Pages (and here, as a console error).
    const named = await dashboard.page.evaluate(() =>
      [...document.querySelectorAll('link[href], script[src], img[src]')].map((el) => el.href || el.src),
    );
    expect(named.filter((u) => !u.startsWith(baseURL) && !u.startsWith('data:')), 'document URLs outside the sub-path').toEqual([]);
    expect(await dashboard.page.locator('link[rel~="icon"]').count(), '<link rel="icon"> in index.html').toBeGreaterThan(0);
  });
});

test.describe('load errors', () => {
  test('a missing data file shows a 404 error', async ({ dashboard, page, problems }) => {
    // The deliberate 404 is the only error tolerated here.
    problems.tolerateConsoleError(({ text, url }) => url.includes('missing.json') || text.includes('missing.json'));
    await dashboard.goto('?source=missing.json');
    await expect(dashboard.loadError).toBeVisible({ timeout: 30_000 });
    await expect(dashboard.loadError).toContainText('404');
    expect(await page.evaluate(() => document.body.innerText.length)).toBeGreaterThan(0);
  });

  test('a source that never answers times out with its own message', async ({ dashboard, page }) => {
    await page.clock.install();
    // The request is held open and never answered.
    await page.route('**/slow.json', () => {});
    await dashboard.goto('?source=slow.json');
    await expect(dashboard.loading).toBeVisible({ timeout: 30_000 });
    await page.clock.runFor(21_000);
    await expect(dashboard.loadError).toBeVisible();
    await expect(dashboard.loadError).toContainText('did not arrive within 20 seconds');
    await expect(dashboard.loadError).toContainText('publish a shorter history');
  });

  test('a server error keeps its status in the message', async ({ dashboard, page, problems }) => {
    problems.tolerateConsoleError(({ text, url }) => url.includes('failing.json') || text.includes('failing.json'));
    await page.route('**/failing.json', (route) => route.fulfill({ status: 500, body: 'boom' }));
    await dashboard.goto('?source=failing.json');
    await expect(dashboard.loadError).toContainText('HTTP 500');
    await expect(dashboard.loadError).toContainText('The server failed');
  });

  test('a malformed data file shows where parsing failed', async ({ dashboard, page }) => {
    await page.route('**/broken.json', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: '{"format": "nines", "version": 1, oops',
      }),
    );
    await dashboard.goto('?source=broken.json');
    await expect(dashboard.loadError).toBeVisible({ timeout: 30_000 });
    await expect(dashboard.loadError).toContainText('line 1');
    expect(await page.evaluate(() => document.body.innerText.length)).toBeGreaterThan(0);
  });
});

test.describe('status files other people publish', () => {
  /** Serves a test fixture at `name` next to the dashboard. */
  async function serveFixture(page, name, fixture, contentType = 'application/json') {
    const body = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', fixture), 'utf8');
    await page.route(`**/${name}`, (route) => route.fulfill({ status: 200, contentType, body }));
  }

  test('an Upptime summary is read in the browser and measured by its daily downtime', async ({ dashboard, page }) => {
    await serveFixture(page, 'summary.json', 'upptime/cloudhub_summary.json');
    await dashboard.goto('?source=summary.json');
    await expect(dashboard.overallStatus).toBeVisible({ timeout: 30_000 });
    await expect(dashboard.rows).toHaveCount(4);
    expect(await dashboard.serviceIds()).toEqual(['authentik', 'lemmy', 'mastodon', 'blog']);
    const figures = [];
    for (const id of ['authentik', 'lemmy', 'mastodon', 'blog']) {
      figures.push(await dashboard.availability30d(id));
      await expect(dashboard.availabilityCell(id)).toHaveAttribute('title', 'from probe samples');
    }
    expect(figures.every((f) => f >= 0 && f <= 100), `percentages: ${figures}`).toBe(true);
    // The same figures the native tests compute by hand (tests/overview.rs): real downtime.
    expect(Math.min(...figures), 'some site was down in the last 30 days').toBeLessThan(99);
    await expectCanvasDrawn(dashboard, dashboard.availabilityCurve, 'availability curve');
  });

  test('a file without dates lists its services and says why there are no figures', async ({ dashboard, page }) => {
    // Upptime summary of two sites that were never down: no day is listed, so nothing is dated.
    await serveFixture(page, 'summary.json', 'upptime/bandlab_summary.json');
    await dashboard.goto('?source=summary.json');
    await expect(page.locator('[data-testid=no-dates]')).toBeVisible({ timeout: 30_000 });
    await expect(dashboard.rows).toHaveCount(2);
    await expect(page.locator('canvas')).toHaveCount(0);
    await expect(dashboard.overallStatus).toContainText('No current data');
  });

  test('an Upptime YAML file names the command-line tool that reads it', async ({ dashboard, page }) => {
    await serveFixture(page, 'lemmy.yml', 'upptime/cloudhub_history_lemmy.yml', 'text/yaml');
    await dashboard.goto('?source=lemmy.yml');
    await expect(dashboard.loadError).toBeVisible({ timeout: 30_000 });
    await expect(dashboard.loadError).toContainText('nines convert');
  });
});

// The README's picture. It goes to the test's folder under test-results/; `make screenshot` sets
// NINES_SCREENSHOT to docs/screenshot.png to refresh the README's copy on purpose.
test.describe('README', () => {
  test.use({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });

  test('screenshot for the README', async ({ dashboard, page }, testInfo) => {
    await dashboard.goto();
    await dashboard.waitLoaded();
    await expectCanvasDrawn(dashboard, dashboard.availabilityCurve, 'availability curve');
    await expectCanvasDrawn(dashboard, dashboard.outageTimeline, 'outage timeline');
    await expect(dashboard.outageTimeline).toHaveAttribute('data-start-ms', /\d+/);
    await page.evaluate(() => document.fonts.ready);

    const png = await page.screenshot({ fullPage: true, animations: 'disabled' });
    const file = process.env.NINES_SCREENSHOT
      ? path.resolve(process.env.NINES_SCREENSHOT)
      : testInfo.outputPath('screenshot.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, png);

    // At devicePixelRatio 1 a full-page screenshot's pixels are the document's CSS pixels.
    const timeline = dashboard.outageTimeline;
    const outage = await dashboard.inPage(timeline, await dashboard.pointAt(timeline, THURSDAY_MAJOR_MID_MS, EMAIL_ROW_Y_CSS));
    const dayBefore = await dashboard.inPage(
      timeline,
      await dashboard.pointAt(timeline, THURSDAY.majorFromMs - DAY_MS, EMAIL_ROW_Y_CSS),
    );
    // The page's own background: halfway between the window's left edge and the timeline's panel.
    const margin = await timeline.evaluate((el) => {
      const panel = el.closest('.panel').getBoundingClientRect();
      return { x: panel.left / 2 + window.scrollX, y: panel.top + panel.height / 2 + window.scrollY, panelLeft: panel.left };
    });
    expect(margin.panelLeft, 'CSS px of page background left of the panels').toBeGreaterThanOrEqual(16);
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const backgroundRgb = (/^rgb\((\d+), (\d+), (\d+)\)$/u.exec(background) || []).slice(1).map(Number);
    // The README shows the light theme: its --bg in style/main.css is #f5f7fa.
    expect(backgroundRgb, `the theme's background ${background}`).toEqual([245, 247, 250]);
    const size = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));

    const image = await dashboard.sharesInImage(png, [
      { ...outage, rgb: MAJOR_OUTAGE_RGB },
      { ...dayBefore, rgb: MAJOR_OUTAGE_RGB },
      { ...margin, rgb: backgroundRgb, tolerance: 1 },
    ]);
    expect({ width: image.width, height: image.height }, 'the image is the whole page').toEqual(size);
    const [atOutage, beforeOutage, atMargin] = image.shares;
    // The email row is major mid-outage (North America's; hatched, so most but not all pixels).
    expect(atOutage, `share of major-outage pixels in the email row on ${new Date(THURSDAY_MAJOR_MID_MS).toISOString()}`).toBeGreaterThan(0.4);
    expect(beforeOutage, 'share of major-outage pixels in the email row a day before').toBe(0);
    expect(atMargin, 'share of page-background pixels beside the panels').toBe(1);
  });
});
