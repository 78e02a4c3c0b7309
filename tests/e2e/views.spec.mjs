// The correlations view, a service's dependencies with the what-if choices, links between
// views, and the wall screen's turn through the views.
import { test, expect, THURSDAY } from './dashboard-page.mjs';

// MO1221364 took email, the suite and the network provider down in North America from Thursday
// 13:10 to Friday 14:05 (major, then partial; the strict weights count both): 1,495 minutes.
const THURSDAY_DOWN_MIN = 1495;
const MONTH_MIN = 30 * 1440;

test('the correlations view finds the Thursday outage as one cluster of three services', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  await page.getByTestId('nav-correlations').click();
  expect(new URL(page.url()).searchParams.get('view')).toBe('correlations');
  await expect(page.getByTestId('nav-correlations')).toHaveAttribute('aria-current', 'page');

  // Only MO1221364 started several services' outages together (the other shared incidents were
  // degraded performance, which the strict weights do not count).
  const clusters = page.getByTestId('cluster-row');
  await expect(clusters).toHaveCount(1);
  await expect(clusters.locator('td').nth(0)).toHaveText('2026-11-19 13:10 UTC');
  await expect(clusters.locator('td').nth(1)).toHaveText('24 h 55 min');
  await expect(clusters.getByTestId('cluster-services')).toHaveText('Email, Cloud productivity suite, Network & CDN provider');
  await expect(clusters.locator('td').nth(3)).toHaveText('third party');

  // Every pair of the three was down together for all of each one's downtime.
  const pairs = page.getByTestId('pair-row');
  await expect(pairs).toHaveCount(3);
  for (const [a, b] of [['email', 'network'], ['email', 'suite'], ['suite', 'network']]) {
    const row = page.locator(`[data-testid=pair-row][data-a=${a}][data-b=${b}]`);
    await expect(row.getByTestId('pair-overlap')).toHaveText('24 h 55 min');
    await expect(row.getByTestId('pair-b-given-a')).toHaveText('100 %');
    await expect(row.getByTestId('pair-a-given-b')).toHaveText('100 %');
  }

  // The cluster's incident opens in place.
  await clusters.getByTestId('cluster-incident').click();
  await expect(page.getByTestId('incident-id')).toHaveText(THURSDAY.id);
  expect(new URL(page.url()).searchParams.get('incident')).toBe(THURSDAY.id);
});

test('a service inherits its dependency’s outage, and what-if choices show what redundancy would change', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  // The overview's service names are links to the service view.
  await page.locator('[data-testid=service-row][data-service-id=webapp] [data-testid=service-link]').click();
  expect(new URL(page.url()).searchParams.get('service')).toBe('webapp');

  // The web app's own data shows no outage in the last 30 days, but it needs the public API,
  // which needs the network provider that MO1221364 took down.
  const panel = page.getByTestId('dependencies');
  const down = THURSDAY_DOWN_MIN / MONTH_MIN; // 0.0346065
  await expect(panel.getByTestId('own-availability')).toHaveText('100.000 %');
  await expect(panel.getByTestId('composite-availability')).toHaveText('96.53 %');
  await expect(panel.getByTestId('inherited-downtime')).toHaveText('24 h 55 min');
  const api = panel.locator('[data-testid=dependency-row][data-dependency-id=api]');
  await expect(api.locator('td').nth(1)).toHaveText('100.000 %'); // own
  await expect(api.locator('td').nth(2)).toHaveText('96.53 %'); // with the network

  const outcome = panel.getByTestId('what-if-outcome');
  await expect(outcome).toHaveText(/^Choose a change/);
  // A twin of the API, as available (1 − d) and independent: down only while both are, d² of the time.
  await api.getByTestId('what-if-choice').selectOption('twin');
  const afterTwin = 1 - down * down; // 0.9988024
  expect(afterTwin).toBeCloseTo(0.998802, 6);
  // (d − d²) of a year of 525,960 minutes: 17,571.7 minutes less downtime.
  await expect(outcome).toHaveText('With these changes: 99.88 % instead of 96.53 % (+3.341 pp; 12 d 4 h 52 min less downtime a year).');
  // The choice is in the address: a reload (or a shared link) shows the same what-if.
  expect(new URL(page.url()).searchParams.getAll('whatif')).toEqual(['twin:api']);
  await page.reload();
  await expect(outcome).toHaveText('With these changes: 99.88 % instead of 96.53 % (+3.341 pp; 12 d 4 h 52 min less downtime a year).');
  await expect(api.getByTestId('what-if-choice')).toHaveValue('twin');
  // Without the API at all, nothing the web app needs was down.
  await api.getByTestId('what-if-choice').selectOption('without');
  // d of a year: 18,201.6 minutes.
  await expect(outcome).toHaveText('With these changes: 100.000 % instead of 96.53 % (+3.461 pp; 12 d 15 h 22 min less downtime a year).');
  expect(new URL(page.url()).searchParams.getAll('whatif')).toEqual(['without:api']);
  // Back returns to the twin.
  await page.goBack();
  await expect(api.getByTestId('what-if-choice')).toHaveValue('twin');
  await expect(outcome).toContainText('99.88 % instead of 96.53 %');
  await api.getByTestId('what-if-choice').selectOption('as-is');
  await expect(outcome).toHaveText(/^Choose a change/);
  expect(new URL(page.url()).searchParams.getAll('whatif')).toEqual([]);

  // Email's own data already holds the outage: nothing is inherited, and the estimate that
  // treats the suite's and the network's outages as independent counts the one outage three
  // times: 1 − (1 − d)³.
  await page.getByTestId('nav-overview').click();
  await page.locator('[data-testid=service-row][data-service-id=email] [data-testid=service-link]').click();
  await expect(panel.getByTestId('composite-availability')).toHaveText('96.53 %');
  await expect(panel.getByTestId('inherited-downtime')).toHaveText('0 s');
  const estimate = (1 - down) ** 3; // 0.89979
  expect(Math.floor(estimate * 10000) / 100).toBe(89.97);
  await expect(panel.getByTestId('static-availability')).toHaveText('89.97 %');

  // The service's own incidents, newest first; one opens in place.
  const incidents = page.getByTestId('service-incidents');
  await expect(incidents.getByTestId('incident-count')).toHaveText('2 incidents');
  await expect(incidents.getByTestId('incident-row')).toHaveText([/^MO1221364/, /^EX1187402/]);
  await incidents.getByRole('button', { name: 'MO1221364' }).click();
  await expect(page.getByTestId('incident-id')).toHaveText(THURSDAY.id);

  // The network provider lists who needs it.
  await dashboard.goto('?service=network');
  await expect(panel.getByTestId('needed-by')).toHaveText(/Cloud productivity suite\s+Public API/);
});

test('a wall screen shows the views in turn, 30 seconds each, without filling the history', async ({ dashboard, page }) => {
  await page.clock.install();
  await dashboard.goto('?wall=1');
  await expect(dashboard.overallStatus).toBeVisible({ timeout: 30_000 });
  const historyLength = await page.evaluate(() => history.length);
  const view = () => new URL(page.url()).searchParams.get('view');
  expect(view()).toBeNull();
  await expect(page.locator('main.page.wall')).toBeVisible();

  await page.clock.runFor(30_000);
  await expect.poll(view).toBe('incidents');
  await expect(page.getByTestId('incident-row').first()).toBeVisible();
  await page.clock.runFor(30_000);
  await expect.poll(view).toBe('regions');
  await expect(page.getByTestId('region-row').first()).toBeVisible();
  await page.clock.runFor(30_000);
  await expect.poll(view).toBe('correlations');
  await expect(page.getByTestId('cluster-row')).toHaveCount(1);
  await page.clock.runFor(30_000);
  await expect.poll(view).toBeNull();
  await expect(dashboard.rows).toHaveCount(8);
  expect(new URL(page.url()).searchParams.get('wall')).toBe('1');
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
});

test('a custom range typed in moves every chart, and the fields follow zoom', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  const from = page.getByTestId('range-from');
  const to = page.getByTestId('range-to');
  // The default: the 30 days up to the data's as-of time, 2026-11-23 00:00 UTC.
  await expect(from).toHaveValue('2026-10-24T00:00');
  await expect(to).toHaveValue('2026-11-23T00:00');

  await from.fill('2026-11-19T12:00');
  await to.fill('2026-11-20T12:00');
  await expect(page.getByTestId('chart-range')).toHaveText('2026-11-19 12:00 UTC → 2026-11-20 12:00 UTC');
  const params = new URL(page.url()).searchParams;
  expect([params.get('from'), params.get('to')]).toEqual(['2026-11-19T12:00:00Z', '2026-11-20T12:00:00Z']);

  // Zooming in on the timeline (+ halves the range about its middle) updates the fields.
  await page.locator('.chart-frame:has(canvas[data-testid=outage-timeline])').focus();
  await page.keyboard.press('+');
  await expect(from).toHaveValue('2026-11-19T18:00');
  await expect(to).toHaveValue('2026-11-20T06:00');

  // An end before the start is not applied, and the field goes back to the range shown.
  await to.fill('2026-11-18T00:00');
  await expect(to).toHaveValue('2026-11-20T06:00');
  await expect(page.getByTestId('chart-range')).toHaveText('2026-11-19 18:00 UTC → 2026-11-20 06:00 UTC');
});

test('the dependencies panel can be embedded alone, what-if choices and all', async ({ dashboard, page }) => {
  await dashboard.goto('?embed=1&panel=dependencies&service=webapp&whatif=without:api');
  const panel = page.getByTestId('dependencies');
  await expect(panel.getByTestId('composite-availability')).toHaveText('96.53 %', { timeout: 30_000 });
  await expect(panel.getByTestId('what-if-outcome')).toContainText('100.000 % instead of 96.53 %');
  await expect(page.locator('header.topbar')).toHaveCount(0);
  await expect(page.locator('canvas')).toHaveCount(0);
  await expect(dashboard.rows).toHaveCount(0);
  await expect(page.getByTestId('chart-range')).toHaveCount(0);
});
