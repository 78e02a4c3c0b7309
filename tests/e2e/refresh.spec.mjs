// End-to-end tests of a live refresh: new data from a source reaches the mounted dashboard in
// place. The canvases stay the same elements, the zoom and the focus stay where the user put them,
// an open incident stays open and shows the new text, and the charts are drawn from the new data.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, SELECTORS, THURSDAY_MAJOR_MID_MS, EMAIL_ROW_Y_CSS, MAJOR_OUTAGE_RGB } from './dashboard-page.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO = fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', 'demo.json'), 'utf8');

/** The demo as it reads after the refresh: a new title, and the Thursday incident retitled. */
function refreshedDemo() {
  const demo = JSON.parse(DEMO);
  demo.title = 'Northwind Traders — refreshed';
  const incident = demo.incidents.find((i) => i.id === 'MO1221364');
  incident.title = 'Email down in North America (retitled by the provider)';
  return JSON.stringify(demo);
}

test('a refresh updates the figures in place: same canvases, same zoom, same focus, the incident still open', async ({ dashboard, page }) => {
  await page.clock.install();
  const config = { format: 'nines-config', version: 1, sources: [{ id: 'demo', label: 'Demo data', url: 'data/demo.json', refresh_s: 60 }] };
  await page.route('**/nines/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
  let fetches = 0;
  const refreshed = refreshedDemo();
  await page.route('**/data/demo.json', (route) => {
    fetches++;
    return route.fulfill({ status: 200, contentType: 'application/json', body: fetches === 1 ? DEMO : refreshed });
  });
  await dashboard.goto('?incident=MO1221364');
  await dashboard.waitLoaded();
  await expect(page.getByTestId('incident-detail')).toContainText("Users in North America can't send or receive email");

  // The last 7 days, then zoom in with the keyboard on the timeline, which keeps the focus: the
  // 3.5 days around 19 November.
  await page.getByTestId('range-7d').click();
  const frame = page.locator(SELECTORS.timelineFrame);
  await frame.focus();
  const home = await dashboard.linkedSpans();
  expect(home.timeline[1] - home.timeline[0], 'seven days shown').toBe(7 * 86_400_000);
  await page.keyboard.press('+');
  await expect.poll(async () => { const s = (await dashboard.linkedSpans()).timeline; return s[1] - s[0]; }).toBe((home.timeline[1] - home.timeline[0]) / 2);
  const zoomed = await dashboard.linkedSpans();
  const rangeText = await page.locator(SELECTORS.chartRange).textContent();
  // Remember every canvas element and the focused one.
  await page.evaluate(() => {
    window.__canvasesBefore = [...document.querySelectorAll('canvas')];
    window.__focusBefore = document.activeElement;
  });
  const canvasCount = await page.locator('canvas').count();
  expect(canvasCount, 'the overview has its charts').toBeGreaterThan(4);

  await page.clock.runFor(61_000);
  await expect.poll(() => fetches, { message: 'refreshed after 60 s' }).toBe(2);
  await expect(page.locator('h1'), 'the new data reached the page').toHaveText('Northwind Traders — refreshed');
  await expect(page.getByTestId('incident-detail'), 'the open incident stays open, with its new title').toContainText('retitled by the provider');

  const kept = await page.evaluate(() => {
    const now = [...document.querySelectorAll('canvas')];
    return {
      count: now.length,
      same: now.length === window.__canvasesBefore.length && now.every((c, i) => c === window.__canvasesBefore[i]),
      connected: window.__canvasesBefore.every((c) => c.isConnected),
      focusKept: document.activeElement === window.__focusBefore,
    };
  });
  expect(kept.count, 'as many canvases as before').toBe(canvasCount);
  expect(kept.same, 'the very same canvas elements').toBe(true);
  expect(kept.connected, 'none of them was removed').toBe(true);
  expect(kept.focusKept, 'the focus stays on the chart').toBe(true);
  expect(await dashboard.linkedSpans(), 'the zoom stays').toEqual(zoomed);
  await expect(page.locator(SELECTORS.chartRange)).toHaveText(rangeText);

  // The timeline is drawn again from the new data: the Thursday outage is still there, in its colour.
  const timeline = dashboard.outageTimeline;
  const point = await dashboard.pointAt(timeline, THURSDAY_MAJOR_MID_MS, EMAIL_ROW_Y_CSS);
  await expect.poll(() => dashboard.shareNear(timeline, point, MAJOR_OUTAGE_RGB), { message: 'the outage is drawn' }).toBeGreaterThan(0.4);
  await expect(page.getByTestId('outage-timeline-caption')).not.toHaveText('');
});

test('a 429 is tried again when its Retry-After says, not after the backoff', async ({ dashboard, page, problems }) => {
  problems.tolerateConsoleError(({ text }) => text.includes('status of 429'));
  // An hour after the demo's as-of: its data is current, and only the failure is stale.
  await page.clock.install({ time: Date.parse('2026-11-23T01:00:00Z') });
  // Refreshed every 10 minutes: after a first failure the backoff alone would wait 5 to 10 minutes.
  const config = { format: 'nines-config', version: 1, sources: [{ id: 'demo', label: 'Demo data', url: 'data/demo.json', refresh_s: 600 }] };
  await page.route('**/nines/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
  const fetchedAt = [];
  await page.route('**/data/demo.json', async (route) => {
    fetchedAt.push(await page.evaluate(() => Date.now()));
    if (fetchedAt.length === 2) {
      return route.fulfill({ status: 429, headers: { 'Retry-After': '12' }, contentType: 'application/json', body: '{}' });
    }
    return route.fulfill({ status: 200, contentType: 'application/json', body: DEMO });
  });
  await dashboard.goto();
  await dashboard.waitLoaded();
  await page.clock.runFor(601_000);
  await expect.poll(() => fetchedAt.length, { message: 'the refresh was asked' }).toBe(2);
  await expect(page.getByTestId('stale-banner')).toContainText('HTTP 429');
  await page.clock.runFor(10_000);
  expect(fetchedAt.length, 'not before the 12 s the server asked').toBe(2);
  await page.clock.runFor(3_000);
  await expect.poll(() => fetchedAt.length, { message: 'asked again once the 12 s passed' }).toBe(3);
  const waitedMs = fetchedAt[2] - fetchedAt[1];
  expect(waitedMs).toBeGreaterThanOrEqual(12_000);
  expect(waitedMs).toBeLessThan(20_000);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
});
