// The monthly SLA table: each service in each calendar month against its SLO, the same figures
// as `nines report --monthly`, downloaded as that command's CSV and printed as a one-page report.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, serveConfig } from './dashboard-page.mjs';
import { ROOT } from '../../scripts/bench-common.mjs';

const DEMO = path.join(ROOT, 'public', 'data', 'demo.json');

/** `nines report --monthly --to csv` of `file`, as the command prints it. */
function cliMonthlyCsv(file) {
  return execFileSync(
    'cargo',
    ['run', '--quiet', '--no-default-features', '--bin', 'nines', '--', 'report', '--monthly', '--to', 'csv', file],
    { cwd: ROOT, encoding: 'utf8' },
  );
}

/** A CSV line's cells (the monthly CSV quotes only text cells; none of the demo's needs it). */
function rows(csv) {
  const [header, ...lines] = csv.trim().split('\n');
  const keys = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, k) => [keys[k], cell])));
}

/** "1 d 2 h 3 min 4 s" (as the page writes a duration) in minutes. */
function minutes(text) {
  const unit = { d: 1440, h: 60, min: 1, s: 1 / 60 };
  return [...text.matchAll(/(\d+) (d|h|min|s)\b/g)].reduce((sum, [, n, u]) => sum + Number(n) * unit[u], 0);
}

/** `value` floored to `decimals`, as the page and the CSV round a percentage. */
const floorTo = (value, decimals) => Math.floor(value * 10 ** decimals + 1e-6) / 10 ** decimals;

const cell = (page, month, service) => page.locator(`[data-testid=sla-cell][data-month="${month}"][data-service="${service}"]`);

test('the monthly table gives every service’s calendar months against its SLO, as the CLI does', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  await page.getByTestId('nav-monthly').click();
  expect(new URL(page.url()).searchParams.get('view')).toBe('monthly');
  await expect(page.getByTestId('nav-monthly')).toHaveAttribute('aria-current', 'page');

  // Hand-computed. November so far (to the demo's as-of, 23 November: 22 days, 31,680 min):
  // MO1221364 took email down for 1,495 min; email's SLO is 99.9 %, so its budget is
  // 0.1 % × 30 days = 43.2 min, and 1,495 / 43.2 = 3,460.6 % of it was used.
  const email = cell(page, '2026-11', 'email');
  await expect(email.locator('.sla-availability')).toHaveText('95.28 %'); // 1 − 1495 / 31680 = 95.2809 %
  await expect(email.getByTestId('sla-verdict')).toHaveText('missed');
  await expect(email).toContainText('24 h 55 min · 2 incidents');
  await expect(email).toContainText('3460.6 % of the error budget');
  // September: the public API (SLO 99.95 %) was down 45 min of 43,200: 99.8958 %; its budget of
  // 21.6 min was 208.3 % used.
  const api = cell(page, '2026-09', 'api');
  await expect(api.locator('.sla-availability')).toHaveText('99.89 %');
  await expect(api.getByTestId('sla-verdict')).toHaveText('missed');
  await expect(api).toContainText('45 min · 1 incident');
  await expect(api).toContainText('208.3 % of the error budget');
  // August: the data starts on the 25th, 7 of 31 days (22.58 %); no downtime, SLO met.
  const chat = cell(page, '2026-08', 'chat');
  await expect(chat.getByTestId('sla-verdict')).toHaveText('met');
  await expect(chat).toContainText('no downtime · 1 incident');
  await expect(chat).toContainText('covered 22.5 %');
  // The network provider has no SLO: no verdict, no budget.
  await expect(cell(page, '2026-11', 'network').getByTestId('sla-verdict')).toHaveCount(0);
  await expect(cell(page, '2026-11', 'network')).not.toContainText('error budget');
  await expect(page.getByTestId('monthly-period')).toHaveText(
    'From 2026-08-01 00:00 UTC to 2026-11-23 00:00 UTC (2026-11 so far). Calendar months in UTC. ' +
      'Counted as downtime = major × 1 + partial × 1 + degraded × 0; maintenance left out.',
  );

  // Every figure of every cell agrees with `nines report --monthly` on the same file.
  const cli = cliMonthlyCsv(DEMO);
  const expected = rows(cli);
  await expect(page.getByTestId('sla-cell')).toHaveCount(expected.length);
  for (const row of expected) {
    const shown = await cell(page, row.month, row.service).evaluate((el) => ({
      availability: el.querySelector('.sla-availability').textContent,
      verdict: el.querySelector('[data-testid=sla-verdict]')?.textContent ?? '',
      text: el.textContent,
    }));
    const what = `${row.month} ${row.service}`;
    const percent = Number(shown.availability.replace(' %', ''));
    const decimals = shown.availability.split('.')[1].length - 2;
    expect(percent, `${what}: availability`).toBe(floorTo(Number(row.availability_percent), decimals));
    expect(shown.verdict, `${what}: met`).toBe({ yes: 'met', no: 'missed', '': '' }[row.slo_met]);
    expect(minutes(shown.text.split(' · ')[0]), `${what}: downtime`).toBeCloseTo(Number(row.downtime_minutes), 2);
    expect(Number(/(\d+) incidents?/.exec(shown.text)[1]), `${what}: incidents`).toBe(Number(row.incidents));
    const budget = /([\d.]+) % of the error budget/.exec(shown.text);
    if (row.error_budget_used_percent === '') expect(budget, `${what}: no budget`).toBeNull();
    else expect(Number(budget[1]), `${what}: budget used`).toBe(floorTo(Number(row.error_budget_used_percent), 1));
  }

  // The download is the command's CSV, byte for byte (the command ends its output with one more
  // line feed).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('monthly-csv').click()]);
  expect(download.suggestedFilename()).toBe('Northwind-Traders-service-status-monthly.csv');
  expect(`${fs.readFileSync(await download.path(), 'utf8')}\n`).toBe(cli);
});

test('the table turns to a row per service and back, in the URL', async ({ dashboard, page }) => {
  await dashboard.goto('?view=monthly');
  const table = page.locator('.sla-table');
  await expect(table.locator('thead th').first()).toHaveText('Month');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.locator('tbody tr').first().locator('th')).toHaveText('2026-08');

  await page.getByTestId('monthly-transpose').click();
  expect(new URL(page.url()).searchParams.get('rows')).toBe('services');
  await expect(table.locator('thead th').first()).toHaveText('Service');
  await expect(table.locator('tbody tr')).toHaveCount(8);
  const email = table.locator('tbody tr').first();
  await expect(email.locator('th')).toHaveText('EmailSLO 99.9 %');
  // Months in order along the row, the last one still running.
  await expect(email.getByTestId('sla-cell')).toHaveCount(4);
  expect(await email.getByTestId('sla-cell').evaluateAll((cells) => cells.map((c) => c.dataset.month))).toEqual([
    '2026-08',
    '2026-09',
    '2026-10',
    '2026-11',
  ]);
  await expect(table.locator('thead th').last()).toHaveText('2026-11so far');
  await expect(email.getByTestId('sla-cell').last().locator('.sla-availability')).toHaveText('95.28 %');

  await page.goBack();
  await expect(table.locator('thead th').first()).toHaveText('Month');
});

test('printed, the monthly table is a one-page report in black on white', async ({ dashboard, page }) => {
  await dashboard.goto('?view=monthly&theme=dark');
  await expect(page.getByTestId('sla-cell').first()).toBeVisible({ timeout: 30_000 });
  await page.emulateMedia({ media: 'print' });
  // Only the report: no header, no summary, no buttons; its title, period, weights and footnote.
  await expect(page.locator('header.topbar')).toBeHidden();
  await expect(page.locator('.summary')).toBeHidden();
  await expect(page.getByTestId('monthly-csv')).toBeHidden();
  await expect(page.locator('#monthly-heading')).toHaveText('Northwind Traders — service status — monthly availability');
  await expect(page.getByTestId('monthly-period')).toContainText('Counted as downtime = major × 1');
  await expect(page.getByTestId('monthly-footnote')).toContainText('time they did not cover never counts as up');
  expect(await page.locator('.sla-table td').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length, 'pages in the PDF').toBe(1);

  // Following a dark system theme (no theme chosen), the print is black on white as well.
  await dashboard.goto('?view=monthly');
  await expect(page.getByTestId('sla-cell').first()).toBeVisible({ timeout: 30_000 });
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  expect(await page.locator('.sla-table td').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
  await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
  expect(await page.locator('.sla-table td').first().evaluate((el) => getComputedStyle(el).color), 'dark on screen').not.toBe('rgb(0, 0, 0)');
});

test('a service named like a formula is text in the CSV, and a month is judged against the SLO by hand', async ({ dashboard, page }) => {
  // One service, SLO 99.9 % over the month, down 60 min on 10 November; covered from 16 October.
  const file = {
    format: 'nines',
    version: 1,
    title: 'One service',
    as_of: '2026-12-01T00:00:00Z',
    coverage: { start: '2026-10-16T00:00:00Z', end: '2026-12-01T00:00:00Z' },
    services: [{ id: 'calc', name: '=HYPERLINK("https://evil.example","open")', slo: { target: 0.999, window_days: 30 } }],
    incidents: [
      { id: 'C-1', title: 'Down', impact: 'major', status: 'resolved', services: ['calc'], start: '2026-11-10T08:00:00Z', end: '2026-11-10T09:00:00Z' },
    ],
  };
  await serveConfig(page, { sources: [{ id: 'one', url: 'feeds/one.json' }] });
  await page.route('**/feeds/one.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(file) }));
  await dashboard.goto('?view=monthly');
  // November: 60 of 43,200 min down: 99.8611 %; 60 / 43.2 = 138.9 % of the budget.
  const november = cell(page, '2026-11', 'calc');
  await expect(november.locator('.sla-availability')).toHaveText('99.86 %', { timeout: 30_000 });
  await expect(november.getByTestId('sla-verdict')).toHaveText('missed');
  await expect(november).toContainText('1 h · 1 incident');
  await expect(november).toContainText('138.8 % of the error budget');
  // October: 16 of 31 days covered, no downtime.
  const october = cell(page, '2026-10', 'calc');
  await expect(october.getByTestId('sla-verdict')).toHaveText('met');
  await expect(october).toContainText('covered 51.6 %');
  // The name is shown as text, and cannot run as a formula in a spreadsheet.
  await expect(page.locator('.sla-table thead th').nth(1)).toHaveText('=HYPERLINK("https://evil.example","open")SLO 99.9 %');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('monthly-csv').click()]);
  const lines = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[2]).toBe(`2026-11,calc,"'=HYPERLINK(""https://evil.example"",""open"")",99.8611,99.9000,no,60.00,1,138.89,100.00,yes`);
});

test('a real Statuspage history: 21 months of a status page, each figure as the CLI gives it', async ({ dashboard, page }) => {
  // status.myemma.com's incidents.json of February 2019 (tests/fixtures/statuspage/PROVENANCE.md):
  // 22 incidents from June 2017, times with local offsets.
  const fixture = path.join(ROOT, 'tests/fixtures/statuspage/emma_incidents_2019_local-offsets.json');
  await serveConfig(page, { sources: [{ id: 'emma', url: 'feeds/emma.json', format: 'statuspage' }] });
  await page.route('**/feeds/emma.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: fs.readFileSync(fixture, 'utf8') }));
  await dashboard.goto('?view=monthly');
  // "Support Phones Are Currently Unavailable", 29 June 2018: Support Hub down from 08:51:36.320
  // (−05:00) to the first "monitoring" update at 09:09:47.564, which set it operational again:
  // 18 min 11 s of June's 43,200 min, 1 − 18.187 / 43200 = 99.9579 %.
  const june = cell(page, '2018-06', 'wfkzm3fp0bnl');
  await expect(june.locator('.sla-availability')).toHaveText('99.957 %', { timeout: 30_000 });
  await expect(june).toContainText('18 min 11 s · 1 incident');
  // No SLO on a Statuspage: no verdict, no budget.
  await expect(june.getByTestId('sla-verdict')).toHaveCount(0);
  const cli = cliMonthlyCsv(fixture);
  await expect(page.getByTestId('sla-cell')).toHaveCount(rows(cli).length);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('monthly-csv').click()]);
  expect(`${fs.readFileSync(await download.path(), 'utf8')}\n`).toBe(cli);
});
