// End-to-end tests of the calendar heatmap (a year of days, weeks by weekdays): the demo's
// Thursday outage and a day before the data at their pixels, maintenance framed, exact figures on
// hover and in the text twin, a click that zooms every chart to the day, the overview's
// `panel=calendar`, and a collected folder whose older months are read for it.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, SELECTORS, THURSDAY, DAY_MS, MAJOR_OUTAGE_RGB } from './dashboard-page.mjs';
import { makeCollectedDemo, serveFolder } from './collected-folder.mjs';

// The demo's as-of is Monday 2026-11-23 00:00 UTC, so its last day is Sunday the 22nd and the
// calendar starts on Monday 2025-11-17, 52 weeks before that week.
const FIRST_DAY_MS = Date.parse('2025-11-17T00:00:00Z');
// The layout at devicePixelRatio 1 on a wide page (chart::calendar): cells of 11 CSS px every
// 13 px, right of 30 px of weekday names and below 16 px of month names.
const [LEFT, TOP, PITCH, CELL] = [30, 16, 13, 11];
const UNKNOWN_RGB = [190, 190, 190];
const OK_RGB = [0, 158, 115];
const MAINTENANCE_RGB = [86, 180, 233];

/** The CSS point inside the calendar cell of the UTC day that starts at `dayMs`: `dx`, `dy` from its corner. */
function cellPoint(dayMs, dx = CELL / 2, dy = CELL / 2) {
  const day = Math.round((dayMs - FIRST_DAY_MS) / DAY_MS);
  return { x: LEFT + Math.floor(day / 7) * PITCH + dx, y: TOP + (day % 7) * PITCH + dy };
}

function calendar(page, service) {
  return page.locator(`[data-testid=calendar-row][data-service-id=${service}] canvas[data-testid=calendar]`);
}

/** Waits until `canvas` is drawn (its size set and some pixel not background). */
async function drawn(canvas) {
  await expect
    .poll(() => canvas.evaluate((el) => el.width > 0 && el.getContext('2d').getImageData(0, 0, el.width, el.height).data.some((v, i) => i % 4 !== 3 && v < 200)), { timeout: 30_000 })
    .toBe(true);
}

test('a service shows its year as a calendar: the outage, the days before the data, and exact figures', async ({ dashboard, page }) => {
  await dashboard.goto('?service=email');
  const email = calendar(page, 'email');
  await drawn(email);
  await expect(page.getByTestId('calendar-panel').locator('h2')).toHaveText('Uptime — the last year');
  const thursday = Date.parse('2026-11-19T00:00:00Z');
  // 650 of 1440 minutes down: the top 45 % of the cell is major, the rest up.
  expect(await dashboard.shareNear(email, cellPoint(thursday, CELL / 2, 2), MAJOR_OUTAGE_RGB, 1), 'major at the top of Thursday').toBe(1);
  expect(await dashboard.shareNear(email, cellPoint(thursday, CELL / 2, CELL - 2), OK_RGB, 1), 'up at its bottom').toBe(1);
  expect(await dashboard.shareNear(email, cellPoint(thursday - 3 * DAY_MS), MAJOR_OUTAGE_RGB, 2), 'Monday has no outage').toBe(0);
  expect(await dashboard.shareNear(email, cellPoint(thursday - 3 * DAY_MS), OK_RGB, 2), 'Monday is up').toBe(1);
  // The demo's data starts on 25 August 2026: a day in March is grey.
  expect(await dashboard.shareNear(email, cellPoint(Date.parse('2026-03-11T00:00:00Z')), UNKNOWN_RGB, 2), 'no data in March').toBe(1);

  // Hover: the day's exact figures and its incident.
  const overlay = page.locator('[data-testid=calendar-row][data-service-id=email] [data-testid=calendar-overlay]');
  const at = cellPoint(thursday);
  await overlay.hover({ position: at });
  const tooltip = page.getByTestId('calendar-tooltip');
  await expect(tooltip).toContainText('Thu 2026-11-19 (UTC)');
  await expect(tooltip).toContainText('Availability 54.86 %');
  await expect(tooltip).toContainText('Downtime 10 h 50 min');
  await expect(tooltip).toContainText(`${THURSDAY.id} — `);
  await overlay.hover({ position: cellPoint(Date.parse('2026-03-11T00:00:00Z')) });
  await expect(tooltip).toContainText('Wed 2026-03-11 (UTC)');
  await expect(tooltip).toContainText('No data');

  // The text twin: one row per day, the same figures.
  const rows = page.locator('[data-testid=calendar-row][data-service-id=email] [data-testid=calendar-twin] tbody tr');
  await expect(rows).toHaveCount(371);
  const row = rows.filter({ hasText: '2026-11-19' });
  await expect(row.locator('td').nth(1)).toHaveText('54.86 %');
  await expect(row.locator('td').nth(2)).toHaveText('10 h 50 min');
});

test('a click on a day zooms every chart to it, and the address keeps it', async ({ dashboard, page }) => {
  await dashboard.goto('?service=email');
  const email = calendar(page, 'email');
  await drawn(email);
  // A day in September, older than the 30 days shown.
  const day = Date.parse('2026-09-16T00:00:00Z');
  const overlay = page.locator('[data-testid=calendar-row][data-service-id=email] [data-testid=calendar-overlay]');
  await overlay.click({ position: cellPoint(day) });
  await expect(page).toHaveURL(/from=2026-09-16T00%3A00%3A00Z&to=2026-09-17T00%3A00%3A00Z|from=2026-09-16T00:00:00Z&to=2026-09-17T00:00:00Z/);
  await expect(dashboard.outageTimeline).toHaveAttribute('data-start-ms', String(day));
  await expect(dashboard.outageTimeline).toHaveAttribute('data-end-ms', String(day + DAY_MS));
  // The calendar itself stays on its year.
  expect(await dashboard.shareNear(email, cellPoint(Date.parse('2026-11-19T00:00:00Z'), CELL / 2, 2), MAJOR_OUTAGE_RGB, 1)).toBe(1);
});

test('maintenance is framed, the overview shows calendars only when asked, and nothing else gets one', async ({ dashboard, page }) => {
  // MNT-2026-10-18: sso, 02:00–04:00 UTC on Sunday 18 October.
  await dashboard.goto('?panel=calendar');
  const sso = calendar(page, 'sso');
  await drawn(sso);
  await expect(page.locator('[data-testid=calendar-row]')).toHaveCount(8);
  const sunday = Date.parse('2026-10-18T00:00:00Z');
  // The frame is the cell's edge; the cell's middle is up.
  expect(await dashboard.shareNear(sso, cellPoint(sunday, 0.5, CELL / 2), MAINTENANCE_RGB, 0), 'the left edge is framed').toBe(1);
  expect(await dashboard.shareNear(sso, cellPoint(sunday), OK_RGB, 1), 'the middle is up').toBe(1);
  expect(await dashboard.shareNear(sso, cellPoint(sunday - 7 * DAY_MS, 0.5, CELL / 2), MAINTENANCE_RGB, 0), 'the Sunday before is not').toBe(0);
  await page.locator('[data-testid=calendar-row][data-service-id=sso] [data-testid=calendar-overlay]').hover({ position: cellPoint(sunday) });
  await expect(page.getByTestId('calendar-tooltip')).toContainText('Scheduled maintenance');

  // The overview has the 90-day bars and no calendar.
  await dashboard.goto();
  await dashboard.waitLoaded();
  await expect(page.locator('[data-testid=uptime-bars-row]').first()).toBeVisible();
  await expect(page.getByTestId('calendar-panel')).toHaveCount(0);
});

test.describe('a collected folder', () => {
  let folder;

  test.beforeAll(() => {
    folder = makeCollectedDemo('nines-calendar-');
    // A month older than the 90 days: January, with a day of email down.
    const indexPath = path.join(folder, 'index.json');
    const index = JSON.parse(fs.readFileSync(indexPath, 'utf8'));
    index.collected.months.unshift('2026-01');
    fs.writeFileSync(indexPath, JSON.stringify(index));
    const january = {
      format: 'nines',
      version: 1,
      as_of: '2026-02-01T00:00:00Z',
      coverage: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
      services: index.services,
      incidents: [{ id: 'JAN-1', title: 'Mail down', impact: 'major', status: 'resolved', services: ['email'], start: '2026-01-14T00:00:00Z', end: '2026-01-15T00:00:00Z' }],
    };
    fs.writeFileSync(path.join(folder, 'history', '2026-01.json'), JSON.stringify(january));
  });

  test.afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('the months of the year are read where the calendar is shown, and only there', async ({ dashboard, page }) => {
    const asked = await serveFolder(page, folder);

    // The overview: the 90 days (August to November) only.
    await dashboard.goto();
    await dashboard.waitLoaded();
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    expect(asked.filter((n) => n.startsWith('history/'))).not.toContain('history/2026-01.json');

    // The service view: January too, and its outage on the 14th is in the calendar.
    asked.length = 0;
    await dashboard.goto('?service=email');
    const email = calendar(page, 'email');
    await drawn(email);
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    expect(asked).toContain('history/2026-01.json');
    const jan14 = Date.parse('2026-01-14T00:00:00Z');
    await expect.poll(() => dashboard.shareNear(email, cellPoint(jan14), MAJOR_OUTAGE_RGB, 2)).toBe(1);
    expect(await dashboard.shareNear(email, cellPoint(jan14 + DAY_MS), OK_RGB, 2), 'the 15th is known and up').toBe(1);
    expect(await dashboard.shareNear(email, cellPoint(Date.parse('2025-12-17T00:00:00Z')), UNKNOWN_RGB, 2), 'December has no shard').toBe(1);
  });
});

test('the keyboard chooses a day, its figures are read out, and Enter does what a click does', async ({ dashboard, page }) => {
  await dashboard.goto('?service=email');
  const email = calendar(page, 'email');
  await drawn(email);
  const frame = page.locator('[data-testid=calendar-row][data-service-id=email] .chart-frame');
  await frame.focus();
  const tooltip = page.getByTestId('calendar-tooltip');
  // The first key chooses the last day, Sunday the 22nd; up three days is Thursday.
  await page.keyboard.press('ArrowLeft');
  await expect(tooltip).toContainText('Sun 2026-11-22 (UTC)');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await expect(tooltip).toContainText('Thu 2026-11-19 (UTC)');
  await expect(tooltip).toContainText('Downtime 10 h 50 min');
  // A week to the left and back.
  await page.keyboard.press('ArrowLeft');
  await expect(tooltip).toContainText('Thu 2026-11-12 (UTC)');
  await page.keyboard.press('ArrowRight');
  // The tooltip is inside a live region, so a screen reader reads the day out.
  await expect(frame.locator('[aria-live=polite]')).toContainText('Thu 2026-11-19 (UTC)');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/from=2026-11-19T00(%3A|:)00(%3A|:)00Z&to=2026-11-20T00(%3A|:)00(%3A|:)00Z/);
  await expect(dashboard.outageTimeline).toHaveAttribute('data-start-ms', String(Date.parse('2026-11-19T00:00:00Z')));
  // The choice goes with the focus.
  await page.keyboard.press('Tab');
  await expect(tooltip).toHaveCount(0);

  // The 90-day bars too: Enter opens the day's incident.
  const bars = page.locator('[data-testid=uptime-bars-row][data-service-id=email] .chart-frame');
  await bars.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('uptime-bars-tooltip')).toContainText('Sun 2026-11-22 (UTC)');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('uptime-bars-tooltip')).toContainText(`${THURSDAY.id} — `);
  await page.keyboard.press('Enter');
  await expect(page.locator(SELECTORS.incidentDetail).locator(SELECTORS.incidentId)).toHaveText(THURSDAY.id);
});

test.describe('in a zone 5 hours behind UTC', () => {
  // Bogotá keeps UTC−5 all year.
  test.use({ timezoneId: 'America/Bogota' });

  test('the range picker offers a year and calendar months, quarters and the year so far', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.waitLoaded();
    const period = page.getByTestId('range-period');
    const shown = async () => [Number(await dashboard.outageTimeline.getAttribute('data-start-ms')), Number(await dashboard.outageTimeline.getAttribute('data-end-ms'))];
    const asOf = Date.parse('2026-11-23T00:00:00Z');

    await period.selectOption({ label: 'last month' });
    await expect(page).toHaveURL(/from=2026-10-01T00(%3A|:)00(%3A|:)00Z&to=2026-11-01T00(%3A|:)00(%3A|:)00Z/);
    await expect.poll(shown).toEqual([Date.parse('2026-10-01T00:00:00Z'), Date.parse('2026-11-01T00:00:00Z')]);
    await expect(period.locator('option:checked')).toHaveText('last month');

    // This quarter runs from 1 October to the data's as-of: the last 53 days.
    await period.selectOption({ label: 'this quarter' });
    await expect.poll(shown).toEqual([Date.parse('2026-10-01T00:00:00Z'), asOf]);
    await expect(page).toHaveURL(/range=53d/);
    await expect(period.locator('option:checked')).toHaveText('this quarter');

    await period.selectOption({ label: 'this year' });
    await expect.poll(shown).toEqual([Date.parse('2026-01-01T00:00:00Z'), asOf]);

    // A preset that is no calendar period: the menu says none.
    await page.getByTestId('range-365d').click();
    await expect.poll(shown).toEqual([asOf - 365 * DAY_MS, asOf]);
    await expect(page).toHaveURL(/range=365d/);
    await expect(period.locator('option:checked')).toHaveText('—');

    // On the local clock of a zone 5 hours behind UTC, last month starts at 05:00 UTC.
    await page.getByTestId('clock').selectOption('local');
    await period.selectOption({ label: 'last month' });
    await expect.poll(shown).toEqual([Date.parse('2026-10-01T05:00:00Z'), Date.parse('2026-11-01T05:00:00Z')]);
  });
});
