// End-to-end tests of the charts: the demo's Thursday outage at its pixels in the timeline, the
// curve and the bars at devicePixelRatio 1 and 2; tooltips with exact durations; a click that
// opens the incident; zoom, pan and reset shared by the charts; export; User Timing; text twins;
// the dark theme reaching the canvas.
import fs from 'node:fs';
import {
  test,
  expect,
  SELECTORS,
  THURSDAY,
  THURSDAY_MAJOR_MID_MS,
  EMAIL_ROW_Y_CSS,
  DAY_MS,
  MAJOR_OUTAGE_RGB,
  serveConfig,
} from './dashboard-page.mjs';

async function loaded(dashboard) {
  await dashboard.goto();
  await dashboard.waitLoaded();
  // Every canvas publishes its time axis once drawn.
  await expect(dashboard.outageTimeline).toHaveAttribute('data-start-ms', /\d+/);
  await expect(dashboard.availabilityCurve).toHaveAttribute('data-start-ms', /\d+/);
}

for (const dpr of [1, 2, 3]) {
  test.describe(`at devicePixelRatio ${dpr}`, () => {
    test.use({ deviceScaleFactor: dpr });

    test('the Thursday outage is unmistakable in the timeline, the curve and the bars', async ({ dashboard, page }) => {
      await loaded(dashboard);
      expect(await page.evaluate(() => window.devicePixelRatio)).toBe(dpr);

      // Timeline: the email row is major (hatched, so most but not all pixels) mid-outage, and
      // operational a day before.
      const timeline = dashboard.outageTimeline;
      const mid = await dashboard.pointAt(timeline, THURSDAY_MAJOR_MID_MS, EMAIL_ROW_Y_CSS);
      expect(await dashboard.shareNear(timeline, mid, MAJOR_OUTAGE_RGB, 3 * dpr), 'major colour mid-outage').toBeGreaterThan(0.4);
      const before = await dashboard.pointAt(timeline, THURSDAY.majorFromMs - DAY_MS, EMAIL_ROW_Y_CSS);
      expect(await dashboard.shareNear(timeline, before, MAJOR_OUTAGE_RGB), 'no outage a day before').toBe(0);

      // Curve: the outage is shaded behind it (major at 22 % over the white background).
      const curve = dashboard.availabilityCurve;
      const shade = [Math.round(255 + (213 - 255) * 0.22), Math.round(255 + (94 - 255) * 0.22), Math.round(255 + (0 - 255) * 0.22)];
      const inShade = await dashboard.pointAt(curve, THURSDAY_MAJOR_MID_MS, 30);
      expect(await dashboard.shareNear(curve, inShade, shade, 1, 10), 'outage shaded on the curve').toBeGreaterThan(0.5);
      await expect(page.getByTestId('availability-curve-caption')).toContainText('Lowest 43.');

      // Bars: email's bar for Thursday holds the major colour, Monday's does not.
      const emailBars = page.locator(`${SELECTORS.uptimeBarsRow}[data-service-id=email] ${SELECTORS.uptimeBars}`);
      await expect(emailBars).toHaveAttribute('data-start-ms', /\d+/);
      const column = async (tMs) => {
        const { x } = await dashboard.pointAt(emailBars, tMs, 0);
        return emailBars.evaluate((el, { x, rgb }) => {
          const ratio = el.width / el.getBoundingClientRect().width;
          const data = el.getContext('2d').getImageData(Math.floor(x * ratio), 0, 1, el.height).data;
          let n = 0;
          for (let i = 0; i < data.length; i += 4) if (rgb.every((c, k) => Math.abs(data[i + k] - c) <= 8)) n++;
          return n / ratio;
        }, { x, rgb: MAJOR_OUTAGE_RGB });
      };
      const thursdayNoon = Date.parse('2026-11-19T12:00:00Z');
      expect(await column(thursdayNoon), 'CSS px of major on Thursday’s bar').toBeGreaterThan(5);
      expect(await column(thursdayNoon - 3 * DAY_MS), 'none on Monday’s bar').toBe(0);
    });
  });
}

test('hovering gives the exact duration and clicking opens the incident', async ({ dashboard, page }) => {
  await loaded(dashboard);
  const overlay = page.locator(SELECTORS.timelineOverlay);
  const mid = await dashboard.pointAt(dashboard.outageTimeline, THURSDAY_MAJOR_MID_MS, EMAIL_ROW_Y_CSS);
  await overlay.hover({ position: { x: mid.x, y: mid.y } });
  const tooltip = page.locator(SELECTORS.timelineTooltip);
  await expect(tooltip).toContainText(`${THURSDAY.id} — `);
  await expect(tooltip).toContainText('Major outage · third party');
  await expect(tooltip).toContainText('2026-11-19 13:10 UTC → 2026-11-19 19:40 UTC (6 h 30 min)');
  await overlay.click({ position: { x: mid.x, y: mid.y } });
  const detail = page.locator(SELECTORS.incidentDetail);
  await expect(detail.locator(SELECTORS.incidentId)).toHaveText(THURSDAY.id);
  await expect(detail.locator(SELECTORS.incidentDuration)).toHaveText('24 h 55 min');
  await expect(detail.locator(SELECTORS.incidentOrigin)).toHaveText('Third party');
  await expect(page.locator('#incident-heading')).toBeFocused();
  // Every chart shows the same instant under the pointer: the curve's overlay draws a cursor line.
  await overlay.hover({ position: { x: mid.x, y: mid.y } });
  const curveOverlay = page.locator('[data-testid=availability-curve-overlay]');
  const cursorX = (await dashboard.pointAt(dashboard.availabilityCurve, THURSDAY_MAJOR_MID_MS, 0)).x;
  const drawnAt = await curveOverlay.evaluate((el, x) => {
    const ratio = el.width / el.getBoundingClientRect().width;
    const data = el.getContext('2d').getImageData(0, Math.floor(el.height / 2), el.width, 1).data;
    const xs = [];
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) xs.push(i / 4 / ratio);
    return xs;
  }, cursorX);
  expect(drawnAt.length, 'a cursor line on the curve').toBeGreaterThan(0);
  expect(drawnAt.length, 'only the vertical line on a chart not under the pointer').toBeLessThan(4);
  expect(Math.abs(drawnAt[0] - cursorX), 'at the hovered instant').toBeLessThan(2);
  // The chart under the pointer draws the crosshair's horizontal line too, across its plot.
  const across = await overlay.evaluate((el, y) => {
    // The best of the rows around the pointer (its position is rounded to whole pixels).
    const ratio = el.width / el.getBoundingClientRect().width;
    const data = el.getContext('2d').getImageData(0, Math.floor(y * ratio) - 2, el.width, 5).data;
    const counts = [0, 0, 0, 0, 0];
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) counts[Math.floor((i - 3) / 4 / el.width)]++;
    return Math.max(...counts) / el.width;
  }, mid.y);
  expect(across, 'share of the row the horizontal line covers').toBeGreaterThan(0.5);
});

test('drag, wheel and keys zoom and pan every linked chart; Escape and double-click reset', async ({ dashboard, page }) => {
  await loaded(dashboard);
  const home = await dashboard.linkedSpans();
  expect(home.curve).toEqual(home.timeline);
  expect(home.curve[1] - home.curve[0]).toBe(30 * DAY_MS);

  // Drag on the curve from Nov 10 to Nov 20: both charts show about that range.
  const curveOverlay = page.locator('[data-testid=availability-curve-overlay]');
  await curveOverlay.scrollIntoViewIfNeeded();
  const box = await curveOverlay.boundingBox();
  const from = await dashboard.pointAt(dashboard.availabilityCurve, Date.parse('2026-11-10T00:00:00Z'), 100);
  const to = await dashboard.pointAt(dashboard.availabilityCurve, Date.parse('2026-11-20T00:00:00Z'), 100);
  await page.mouse.move(box.x + from.x, box.y + from.y);
  await page.mouse.down();
  await page.mouse.move(box.x + (from.x + to.x) / 2, box.y + 100, { steps: 4 });
  await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await dashboard.linkedSpans()).timeline[0]).not.toBe(home.timeline[0]);
  const zoomed = await dashboard.linkedSpans();
  expect(zoomed.curve).toEqual(zoomed.timeline);
  const hour = 3_600_000;
  expect(Math.abs(zoomed.curve[0] - Date.parse('2026-11-10T00:00:00Z')), 'zoomed start').toBeLessThan(2 * hour);
  expect(Math.abs(zoomed.curve[1] - Date.parse('2026-11-20T00:00:00Z')), 'zoomed end').toBeLessThan(2 * hour);
  const iso = new Date(zoomed.curve[0]).toISOString();
  await expect(page.locator(SELECTORS.chartRange), 'the range control follows the zoom').toContainText(`${iso.slice(0, 10)} ${iso.slice(11, 16)}`);

  // Arrow right pans by a tenth of the range.
  const frame = page.locator(SELECTORS.timelineFrame);
  await frame.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await dashboard.linkedSpans()).timeline[0]).toBe(zoomed.timeline[0] + (zoomed.timeline[1] - zoomed.timeline[0]) / 10);
  // + halves the range around its centre; Escape goes home.
  const panned = await dashboard.linkedSpans();
  await page.keyboard.press('+');
  await expect.poll(async () => { const s = (await dashboard.linkedSpans()).timeline; return s[1] - s[0]; }).toBe((panned.timeline[1] - panned.timeline[0]) / 2);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await dashboard.linkedSpans()).timeline).toEqual(home.timeline);

  // The wheel zooms in around the pointer; a double-click resets.
  const timelineOverlay = page.locator(SELECTORS.timelineOverlay);
  await timelineOverlay.scrollIntoViewIfNeeded();
  const tbox = await timelineOverlay.boundingBox();
  const at = await dashboard.pointAt(dashboard.outageTimeline, THURSDAY_MAJOR_MID_MS, EMAIL_ROW_Y_CSS);
  await page.mouse.move(tbox.x + at.x, tbox.y + at.y);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => { const s = (await dashboard.linkedSpans()).timeline; return s[1] - s[0]; }).toBeLessThan(30 * DAY_MS);
  const wheeled = (await dashboard.linkedSpans()).timeline;
  expect(wheeled[0] < THURSDAY_MAJOR_MID_MS && THURSDAY_MAJOR_MID_MS < wheeled[1], 'the pointer’s instant stays in view').toBe(true);
  await timelineOverlay.dblclick({ position: { x: at.x, y: at.y } });
  await expect.poll(async () => (await dashboard.linkedSpans()).timeline).toEqual(home.timeline);
  // A double-click on an outage resets; it does not also open the incident.
  await page.waitForTimeout(400);
  await expect(page.locator(SELECTORS.incidentDetail)).toHaveCount(0);
});

test('two fingers pinch to zoom and one finger pans', async ({ dashboard, page }) => {
  await loaded(dashboard);
  const home = (await dashboard.linkedSpans()).timeline;
  const overlay = page.locator(SELECTORS.timelineOverlay);
  await overlay.scrollIntoViewIfNeeded();
  // Touch pointers as a phone sends them: two fingers 200 px apart move to 400 px apart.
  const touch = (type, pointerId, x) =>
    overlay.evaluate((el, { type, pointerId, x }) => {
      const r = el.getBoundingClientRect();
      el.dispatchEvent(new PointerEvent(type, { pointerId, pointerType: 'touch', isPrimary: pointerId === 1, clientX: r.left + x, clientY: r.top + 40, bubbles: true }));
    }, { type, pointerId, x });
  // A tap on an outage opens its incident (no hover comes before a tap).
  const mid = await dashboard.pointAt(dashboard.outageTimeline, THURSDAY_MAJOR_MID_MS, EMAIL_ROW_Y_CSS);
  await overlay.evaluate((el, { x, y }) => {
    const r = el.getBoundingClientRect();
    for (const type of ['pointerdown', 'pointerup']) {
      el.dispatchEvent(new PointerEvent(type, { pointerId: 9, pointerType: 'touch', isPrimary: true, clientX: r.left + x, clientY: r.top + y, bubbles: true }));
    }
  }, mid);
  await expect(page.locator(SELECTORS.incidentDetail).locator(SELECTORS.incidentId)).toHaveText(THURSDAY.id);
  await touch('pointerdown', 1, 400);
  await touch('pointerdown', 2, 600);
  await touch('pointermove', 2, 800);
  await touch('pointerup', 2, 800);
  await touch('pointerup', 1, 400);
  const pinched = (await dashboard.linkedSpans()).timeline;
  expect((pinched[1] - pinched[0]) / (home[1] - home[0]), 'fingers twice as far apart show half the range').toBeCloseTo(0.5, 2);
  // One finger dragged 100 px to the left moves later in time by 100 px worth of range.
  const plotWidth = await dashboard.outageTimeline.evaluate((el) => (Number(el.getAttribute('data-plot-right-px')) - Number(el.getAttribute('data-plot-left-px'))) / (el.width / el.getBoundingClientRect().width));
  await touch('pointerdown', 3, 500);
  await touch('pointermove', 3, 400);
  await touch('pointerup', 3, 400);
  const panned = (await dashboard.linkedSpans()).timeline;
  const expectedShift = ((pinched[1] - pinched[0]) * 100) / plotWidth;
  expect(Math.abs(panned[0] - pinched[0] - expectedShift) / expectedShift, 'pan by the finger’s travel').toBeLessThan(0.02);
});

test('exports a chart as PNG and its data as CSV', async ({ dashboard, page }) => {
  await loaded(dashboard);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('outage-timeline-png').click()]);
  expect(png.suggestedFilename()).toBe('outage-timeline.png');
  const bytes = fs.readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString('ascii'), 'PNG signature').toBe('PNG');
  const size = await dashboard.outageTimeline.evaluate((el) => [el.width, el.height]);
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], 'PNG is the canvas at device resolution').toEqual(size);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('outage-timeline-csv').click()]);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('service,region,incident,title,level,origin,start,end,duration_minutes');
  const email = lines.find((l) => l.startsWith(`email,,${THURSDAY.id},`));
  expect(email, 'the Thursday outage on email').toBeTruthy();
  expect(email).toContain(',major,third_party,2026-11-19T13:10:00Z,2026-11-20T14:05:00Z,1495');
});

test('a download named after a service id from the data gets a safe name, and arrives whole', async ({ dashboard, page }) => {
  // A service id that is a path, markup and a right-to-left override ("gpj.exe" shows as "exe.jpg").
  const hostile = '../../<img src=x onerror=alert(1)>"\u202Egpj.exe';
  const file = {
    format: 'nines',
    version: 1,
    title: 'Hostile names',
    as_of: '2026-11-23T00:00:00Z',
    coverage: { start: '2026-08-25T00:00:00Z', end: '2026-11-23T00:00:00Z' },
    services: [{ id: hostile, name: 'Hostile' }],
    incidents: [
      { id: 'H-1', title: 'Down', impact: 'major', status: 'resolved', services: [hostile], start: '2026-11-20T10:00:00Z', end: '2026-11-20T11:00:00Z' },
    ],
  };
  await serveConfig(page, { sources: [{ id: 'hostile', url: 'feeds/hostile.json' }] });
  await page.route('**/feeds/hostile.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(file) }));
  await dashboard.goto();
  const bars = page.locator('canvas[data-testid=uptime-bars]');
  await expect(bars).toHaveAttribute('data-start-ms', /\d+/, { timeout: 30_000 });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('uptime-bars-csv').click()]);
  expect(csv.suggestedFilename()).toBe('uptime-..-..-img-src-x-onerror-alert-1-gpj.exe.csv');
  // The object URL outlives the click: the file arrives with every day of the 90.
  const lines = fs.readFileSync(await csv.path(), 'utf8').trim().split('\n');
  expect(lines.length, 'a header and 90 days').toBe(91);
});

test('records User Timing measures for each stage', async ({ dashboard, page }) => {
  await loaded(dashboard);
  const counts = await page.evaluate(() =>
    ['nines:fetch', 'nines:parse', 'nines:analyze', 'nines:draw'].map((name) => performance.getEntriesByName(name, 'measure').length),
  );
  expect(counts[0], 'fetch').toBe(1);
  expect(counts[1], 'parse').toBe(1);
  expect(counts[2], 'analyze').toBe(1);
  expect(counts[3], 'one draw per chart at least').toBeGreaterThanOrEqual(4);
});

test('every chart has a text twin with the same figures', async ({ dashboard, page }) => {
  await loaded(dashboard);
  for (const id of ['availability-curve', 'outage-timeline', 'burndown']) {
    const canvas = page.locator(`canvas[data-testid=${id}]`);
    const twinId = await canvas.getAttribute('aria-describedby');
    await expect(page.locator(`#${twinId}`), `${id} twin`).toHaveCount(1);
  }
  const emailRow = page.locator(SELECTORS.outageRow).filter({ hasText: THURSDAY.id }).first();
  await expect(emailRow).toContainText('Email');
  await expect(emailRow.getByTestId('outage-duration')).toHaveText('24 h 55 min');
  await expect(page.getByTestId('outage-timeline-caption')).toContainText('outages or maintenance windows on');
  await expect(page.getByTestId('burndown-caption')).toContainText('%');
});

test('the timeline’s legend gives the time each service spent in each state, for the range shown', async ({ dashboard, page }) => {
  await loaded(dashboard);
  const states = async (id) => {
    const row = page.getByTestId('time-in-levels-row').filter({ has: page.locator('th', { hasText: new RegExp(`^${id}$`) }) });
    return row.locator('td').allInnerTexts();
  };
  const headings = await page.getByTestId('time-in-levels').locator('thead th').allInnerTexts();
  expect(headings.map((h) => h.trim())).toEqual(['Row', 'Operational', 'Maintenance', 'Degraded performance', 'Partial outage', 'Major outage', 'No data']);
  // The last 30 days (43,200 min): MO1221364 took email down, major for 6 h 30 min (13:10 to
  // 19:40), then partial for 18 h 25 min (to 14:05 the next day); with 26 min of degraded
  // performance, 43,200 − 1,521 = 41,679 min were operational.
  expect(await states('Email')).toEqual(['28 d 22 h 39 min', '0 s', '26 min', '18 h 25 min', '6 h 30 min', '0 s']);
  // Chat: delayed messages on 29 October, 15:48 to 16:10.
  expect(await states('Chat')).toEqual(['29 d 23 h 38 min', '0 s', '22 min', '0 s', '0 s', '0 s']);
  // Over the last 7 days, 29 October is out of range.
  await page.getByTestId('range-7d').click();
  await expect.poll(() => states('Chat')).toEqual(['7 d', '0 s', '0 s', '0 s', '0 s', '0 s']);
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the canvases take their colours from the page', async ({ dashboard }) => {
    await loaded(dashboard);
    const corner = await dashboard.outageTimeline.evaluate((el) => Array.from(el.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3)));
    expect(corner, 'dark chart background').toEqual([26, 31, 39]);
  });
});
