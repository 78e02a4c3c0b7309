// End-to-end tests of a collected folder as a source (what `nines collect` writes): the page reads
// its index.json, then the monthly shards its 90 days reach, and shows the whole history; a month
// that cannot be read is named and stays unknown; a collector that stopped gets a banner.
//
// The folder is the demo laid out as a collector writes it (`gen_demo --collected DIR`), so every
// figure can be compared with the demo file read whole.
import fs from 'node:fs';
import { test, expect, SELECTORS } from './dashboard-page.mjs';
import { makeCollectedDemo, serveFolder as serve } from './collected-folder.mjs';

let folder;

test.beforeAll(() => {
  folder = makeCollectedDemo('nines-collected-');
});

test.afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Serves the folder (see `collected-folder.mjs`); the paths asked. */
const serveFolder = (page, missing = [], gate = null) => serve(page, folder, missing, gate);

/** Waits until the dashboard shows and the months are read (no progress line is left). */
async function waitHistory(dashboard, page) {
  await dashboard.waitLoaded();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
}

/** Each service's 30-day and 90-day availability as the services table shows them. */
async function figures(page) {
  return page.locator(SELECTORS.serviceRow).evaluateAll((rows) =>
    rows.map((row) => [row.dataset.serviceId, row.querySelector('[data-testid=availability-30d]').textContent, row.querySelector('[data-testid=availability-90d]').textContent]),
  );
}

test('a collected folder shows the whole history: the index first, then the months its range reaches', async ({ dashboard, page }) => {
  // The demo read whole, for the figures to compare.
  await dashboard.goto();
  await dashboard.waitLoaded();
  const whole = await figures(page);

  const asked = await serveFolder(page);
  await dashboard.goto();
  await waitHistory(dashboard, page);
  // The demo ends on 2026-11-23: its 90 days reach back into August.
  expect(asked).toEqual(['index.json', 'history/2026-08.json', 'history/2026-09.json', 'history/2026-10.json', 'history/2026-11.json']);
  expect(await figures(page), 'the same figures as the demo read whole').toEqual(whole);
  await expect(page.getByTestId('ingest-issues')).toHaveCount(0);
  await expect(page.locator('p.as-of')).toContainText('Ops history (');
  await expect(page.locator('p.as-of')).toContainText('status/index.json, nines, collected 2026-11-23 00:00 UTC)');
  // The demo's as-of is long past: the collector has stopped.
  await expect(page.getByTestId('stale-banner')).toContainText('Ops history: the collector last ran');
  await expect(page.getByTestId('stale-banner')).toContainText('at 2026-11-23 00:00 UTC; nothing after that is known.');
});

test('on a first load the index is drawn at once, and the months replace it when they arrive', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  const whole = await figures(page);

  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const asked = await serveFolder(page, [], gate);
  await dashboard.goto();
  // The shards wait: the page shows the index meanwhile, with its charts drawn.
  await dashboard.waitLoaded();
  await expect(page.getByTestId('load-progress')).toHaveText('Loading the history of Ops history: month 1 of 4 (2026-08)…');
  expect(await page.evaluate(() => performance.getEntriesByName('nines:draw').length), 'charts drawn from the index').toBeGreaterThan(0);
  expect(asked).toEqual(['index.json', 'history/2026-08.json']);
  // The index holds 48 hours: its 90-day figures are those hours', not the whole history's.
  expect((await figures(page)).map(([, , d90]) => d90)).not.toEqual(whole.map(([, , d90]) => d90));

  release();
  await waitHistory(dashboard, page);
  expect(await figures(page), 'the months joined in: the whole history').toEqual(whole);
});

test('a month that cannot be read is named, and its time is unknown rather than up', async ({ dashboard, page, problems }) => {
  problems.tolerateConsoleError(({ url }) => url.endsWith('/status/history/2026-09.json'));
  await dashboard.goto();
  await dashboard.waitLoaded();
  const whole = await figures(page);

  await serveFolder(page, ['2026-09']);
  await dashboard.goto();
  await waitHistory(dashboard, page);
  const issues = page.getByTestId('ingest-issues');
  await issues.locator('summary').click();
  await expect(issues).toContainText('Ops history: history/2026-09.json:');
  await expect(issues).toContainText("that month's history is missing (unknown, never up)");
  // The last 30 days (from 24 October) need no September: as whole. The 90 days lose September,
  // which is left out of the figures, never counted as up.
  const rows = await figures(page);
  expect(rows.map(([id, d30]) => [id, d30])).toEqual(whole.map(([id, d30]) => [id, d30]));
  expect(rows.map(([, , d90]) => d90), 'the 90-day figures change without September').not.toEqual(whole.map(([, , d90]) => d90));
});
