// Maintenance done right: windows under way or scheduled are listed on the overview and on the
// services' views, and the weights say whether maintenance is left out, counted as up or as down;
// and the weights' grace period, which counts short outages as up, the same in the page and the CLI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, serveConfig } from './dashboard-page.mjs';
import { ROOT } from '../../scripts/bench-common.mjs';

test('the overview lists the maintenance scheduled after the data’s as-of, and only its service’s view does too', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  const items = page.getByTestId('maintenance-item');
  // The demo's October window ended long before as-of (23 November); only the next one is listed.
  await expect(items).toHaveCount(1);
  await expect(items).toHaveAttribute('data-maintenance-id', 'MNT-2026-11-28');
  await expect(items.getByTestId('maintenance-phase')).toHaveText('Scheduled');
  await expect(items).toContainText('Mail relay certificate rotation — Email');
  await expect(items.getByTestId('maintenance-when')).toHaveText('2026-11-28 02:00 UTC → 2026-11-28 03:30 UTC (1 h 30 min)');

  await dashboard.goto('?service=email');
  await expect(page.getByTestId('maintenance-item')).toHaveCount(1);
  await dashboard.goto('?service=chat');
  await expect(page.locator('[data-testid=service-row]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('maintenance')).toHaveCount(0);
});

test('maintenance counted as down or as up is in the URL, the formula and every figure', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  await expect(page.getByTestId('weights-formula')).toHaveText('downtime = major × 1 + partial × 1 + degraded × 0; maintenance left out');

  await page.getByTestId('maintenance-weight').selectOption({ label: 'counted as down' });
  await expect.poll(() => new URL(page.url()).searchParams.get('weights')).toBe('major=1,partial=1,degraded=0,maintenance=1');
  await expect(page.getByTestId('weights-formula')).toHaveText('downtime = major × 1 + partial × 1 + degraded × 0; maintenance × 1');
  await expect(page.getByTestId('weights')).toHaveValue('major=1,partial=1,degraded=0,maintenance=1');
  await expect(page.getByTestId('weights').locator('option:checked')).toHaveText('custom');

  // The identity platform's 2-hour upgrade on 18 October now counts against its SLO (99.95 %):
  // 1 − 120 / 44,640 = 99.7311 %, and 120 min of a 22.32 min budget is 537.6 % of it.
  await page.getByTestId('nav-monthly').click();
  const october = page.locator('[data-testid=sla-cell][data-month="2026-10"][data-service=sso]');
  await expect(october.locator('.sla-availability')).toHaveText('99.73 %');
  await expect(october.getByTestId('sla-verdict')).toHaveText('missed');
  await expect(october).toContainText('2 h · 0 incidents');
  await expect(october).toContainText('537.6 % of the error budget');
  await page.goBack();

  // Counted as up: the strict weights with maintenance as up time are incident.io's preset.
  await page.getByTestId('maintenance-weight').selectOption({ label: 'counted as up' });
  await expect.poll(() => new URL(page.url()).searchParams.get('weights')).toBe('incidentio');
  await expect(page.getByTestId('weights')).toHaveValue('incidentio');
  await expect(page.getByTestId('weights-formula')).toContainText('maintenance × 0');
});

test('a real Statuspage maintenance list: the window under way first, then the scheduled one', async ({ dashboard, page }) => {
  // status.claude.com's scheduled-maintenances.json (tests/fixtures/statuspage/PROVENANCE.md),
  // with its two windows moved so that, at the page's updated_at (2026-09-15 11:14:48 UTC), one
  // is under way and one is to come; everything else as published.
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/statuspage/claude_scheduled-maintenances.json'), 'utf8'));
  const [connector, platform] = file.scheduled_maintenances;
  Object.assign(connector, { status: 'scheduled', scheduled_for: '2026-09-20T01:00:00.000Z', scheduled_until: '2026-09-20T01:30:00.000Z', resolved_at: null });
  Object.assign(platform, { status: 'in_progress', scheduled_for: '2026-09-15T11:00:00.000Z', scheduled_until: '2026-09-15T12:30:00.000Z', resolved_at: null });
  await serveConfig(page, { sources: [{ id: 'claude', url: 'feeds/claude.json', format: 'statuspage' }] });
  await page.route('**/feeds/claude.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(file) }));
  await dashboard.goto();
  const items = page.getByTestId('maintenance-item');
  await expect(items).toHaveCount(2, { timeout: 30_000 });
  await expect(items.nth(0)).toHaveAttribute('data-maintenance-id', platform.id);
  await expect(items.nth(0).getByTestId('maintenance-phase')).toHaveText('Under way');
  await expect(items.nth(0)).toContainText(`${platform.name} — `);
  await expect(items.nth(0).getByTestId('maintenance-when')).toHaveText('2026-09-15 11:00 UTC → 2026-09-15 12:30 UTC (1 h 30 min)');
  await expect(items.nth(1)).toHaveAttribute('data-maintenance-id', connector.id);
  await expect(items.nth(1).getByTestId('maintenance-phase')).toHaveText('Scheduled');
  await expect(items.nth(1)).toContainText(`${connector.name} — claude.ai`);
});

test('a grace period counts outages shorter than it as up, in the page and in the CLI alike', async ({ dashboard, page }) => {
  // One day of one service: a 3-minute and a 20-minute major outage between up time.
  const file = {
    format: 'nines',
    version: 1,
    title: 'Blips',
    as_of: '2026-11-02T00:00:00Z',
    coverage: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' },
    services: [{ id: 'web', name: 'Web' }],
    incidents: [
      { id: 'B-1', title: 'Blip', impact: 'major', status: 'resolved', services: ['web'], start: '2026-11-01T10:00:00Z', end: '2026-11-01T10:03:00Z' },
      { id: 'B-2', title: 'Outage', impact: 'major', status: 'resolved', services: ['web'], start: '2026-11-01T12:00:00Z', end: '2026-11-01T12:20:00Z' },
    ],
  };
  await serveConfig(page, { sources: [{ id: 'blips', url: 'feeds/blips.json' }] });
  await page.route('**/feeds/blips.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(file) }));
  await dashboard.goto();
  const web = page.locator('[data-testid=service-row][data-service-id=web]');
  // 23 of 1,440 min down: 98.40 %; with a 5-minute grace the blip is up time: 1 − 20 / 1440 = 98.61 %.
  await expect(web.getByTestId('availability-24h')).toHaveText('98.40 %', { timeout: 30_000 });
  await page.getByTestId('grace').selectOption({ label: '5 min' });
  await expect.poll(() => new URL(page.url()).searchParams.get('weights')).toBe('major=1,partial=1,degraded=0,grace=5');
  await expect(web.getByTestId('availability-24h')).toHaveText('98.61 %');
  await expect(page.getByTestId('weights-formula')).toContainText('outages under 5 min between up time count as up');
  // At 15 minutes the 20-minute outage still counts.
  await page.getByTestId('grace').selectOption({ label: '15 min' });
  await expect.poll(() => new URL(page.url()).searchParams.get('weights')).toBe('major=1,partial=1,degraded=0,grace=15');
  await expect(page.getByTestId('weights-formula')).toContainText('outages under 15 min between up time count as up');
  await expect(web.getByTestId('availability-24h')).toHaveText('98.61 %');

  // The CLI reads the same weights and finds the same downtime.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nines-grace-'));
  const input = path.join(dir, 'blips.json');
  fs.writeFileSync(input, JSON.stringify(file));
  const csv = (weights) =>
    execFileSync(
      'cargo',
      ['run', '--quiet', '--no-default-features', '--bin', 'nines', '--', 'report', '--monthly', '--to', 'csv', '--weights', weights, input],
      { cwd: ROOT, encoding: 'utf8' },
    ).trim().split('\n')[1].split(',');
  expect(csv('strict')[6], 'downtime minutes, strict').toBe('23.00');
  expect(csv('major=1,partial=1,degraded=0,grace=5')[6], 'downtime minutes, 5 min grace').toBe('20.00');
  fs.rmSync(dir, { recursive: true });
});
