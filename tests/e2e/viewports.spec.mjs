// Every screen size: a phone, a laptop, a wall screen (at devicePixelRatio 1 and 2) and one panel
// embedded in a small iframe. On every view the page must not overflow sideways, no element may
// stick out of the viewport (wide tables scroll inside their own focusable, labelled container),
// text must not be clipped, and every chart canvas must be drawn at its CSS size × DPR and fit its
// frame. On the phone, the controls are at least 24 × 24 CSS px (WCAG 2.2 target size). Resizing
// the window or the charts' frame redraws them at the new size, and a long tooltip stays inside its
// chart; the wall screen's type is larger. On the phone, where the tables scroll sideways, axe must
// find nothing serious either.
import AxeBuilder from '@axe-core/playwright';
import {
  test,
  expect,
  SELECTORS,
  THURSDAY,
  THURSDAY_MAJOR_MID_MS,
  EMAIL_ROW_Y_CSS,
  MAJOR_OUTAGE_RGB,
} from './dashboard-page.mjs';

const DEVICES = [
  { name: 'phone', query: '', axe: true, use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } },
  { name: 'laptop', query: '', use: { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 } },
  { name: '4K wall screen', query: 'wall=1', use: { viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1 } },
  { name: 'full-HD wall screen at DPR 2', query: 'wall=1', use: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 } },
];

/** Each view with what shows it is there. */
const VIEWS = [
  { name: 'overview', query: '', ready: [SELECTORS.serviceRow, SELECTORS.outageTimeline, SELECTORS.uptimeBars] },
  { name: 'service detail', query: 'service=email', ready: [SELECTORS.serviceRow, SELECTORS.outageTimeline, SELECTORS.availabilityCurve] },
  { name: 'service detail with dependencies and a what-if', query: 'service=webapp&whatif=twin:api', ready: ['[data-testid=dependency-row]', '[data-testid=what-if-outcome]', SELECTORS.outageTimeline] },
  { name: 'incidents with one open', query: `view=incidents&incident=${THURSDAY.id}`, ready: ['[data-testid=incident-row]', SELECTORS.incidentDetail] },
  { name: 'regions', query: 'view=regions', ready: ['[data-testid=region-row]'] },
  { name: 'correlations', query: 'view=correlations', ready: ['[data-testid=cluster-row]', '[data-testid=pair-row]'] },
  { name: 'monthly', query: 'view=monthly', ready: ['[data-testid=sla-cell]'] },
];

/**
 * Controls that must be at least 24 × 24 CSS px on a touch screen: the navigation, every button,
 * field and menu, and a checkbox's label. Buttons that are links inside a table's text (incident
 * ids) are inline targets, which the criterion exempts.
 */
const TOUCH_TARGETS = [
  'header nav a',
  '.summary .links a',
  'button:not(.link)',
  'select',
  'input:not([type=checkbox]):not([type=radio])',
  'label:has(> input[type=checkbox])',
].join(', ');

function join(...parts) {
  const query = parts.filter(Boolean).join('&');
  return query ? `?${query}` : '';
}

/** Waits until every chart canvas in `frame` (a Page or a Frame) is drawn at its CSS size × DPR. */
async function chartsSettled(frame) {
  await expect
    .poll(
      () =>
        frame.evaluate(() => {
          const canvases = [...document.querySelectorAll('canvas.chart')].filter((c) => c.getClientRects().length > 0);
          const dpr = window.devicePixelRatio;
          return canvases
            .filter((c) => {
              const r = c.getBoundingClientRect();
              return !c.hasAttribute('data-start-ms') || Math.abs(c.width - r.width * dpr) > 1 || Math.abs(c.height - r.height * dpr) > 1;
            })
            .map((c) => c.dataset.testid);
        }),
      { message: 'every chart drawn at its CSS size × devicePixelRatio' },
    )
    .toEqual([]);
}

/**
 * Runs in the page: everything that breaks the layout at this size, as readable lines.
 * `touchTargets` is a selector of controls that must be 24 × 24 CSS px, or null.
 */
function layoutProblems(touchTargets) {
  const problems = [];
  const root = document.documentElement;
  const viewWidth = root.clientWidth;
  const name = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) part += `#${e.id}`;
      if (e.dataset.testid) part += `[data-testid=${e.dataset.testid}]`;
      for (const c of [...e.classList].slice(0, 2)) part += `.${c}`;
      parts.unshift(part);
      if (e.id || e.dataset.testid) break;
    }
    return parts.join(' > ');
  };
  const style = (el) => getComputedStyle(el);
  // Not rendered: display none, visibility hidden, or inside a closed <details>.
  const visible = (el) => el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  const scrolls = (el) => ['auto', 'scroll'].includes(style(el).overflowX);
  const clips = (el) => ['hidden', 'clip'].includes(style(el).overflowX);
  /** The nearest ancestor that scrolls or clips sideways: what lies in it cannot stick out of the page. */
  const container = (el) => {
    for (let e = el.parentElement; e && e !== document.body && e !== root; e = e.parentElement) {
      if (scrolls(e) || clips(e)) return e;
    }
    return null;
  };

  if (root.scrollWidth > viewWidth || root.scrollWidth > window.innerWidth) {
    problems.push(`the page scrolls sideways: scrollWidth ${root.scrollWidth} > ${viewWidth} (innerWidth ${window.innerWidth})`);
  }
  // Only the outermost element that sticks out is named, not each of its rows and cells.
  const stickingOut = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (!container(el) && (rect.left < -0.5 || rect.right > viewWidth + 0.5)) {
      stickingOut.add(el);
      if (!stickingOut.has(el.parentElement)) {
        problems.push(`${name(el)} sticks out: ${Math.round(rect.left)}..${Math.round(rect.right)} of ${viewWidth} px`);
      }
    }
    const display = style(el).display;
    const block = display !== 'inline' && display !== 'contents';
    if (block && scrolls(el) && el.scrollWidth > el.clientWidth + 1) {
      const labelled = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
      if (el.tabIndex < 0 || !labelled || !el.getAttribute('role')) {
        problems.push(`${name(el)} scrolls sideways but is not a focusable, labelled region`);
      }
    }
    const heading = /^(H[1-6]|FIGCAPTION|CAPTION|LABEL|SUMMARY)$/.test(el.tagName) || el.classList.contains('caption');
    if (block && (clips(el) || heading) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} clips its text: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
    }
  }
  const dpr = window.devicePixelRatio;
  for (const canvas of document.querySelectorAll('canvas.chart')) {
    if (!visible(canvas)) continue;
    const rect = canvas.getBoundingClientRect();
    const label = name(canvas);
    if (Math.abs(canvas.width - rect.width * dpr) > 1 || Math.abs(canvas.height - rect.height * dpr) > 1) {
      problems.push(`${label}: backing store ${canvas.width}×${canvas.height} for ${rect.width}×${rect.height} CSS px at DPR ${dpr}`);
    }
    const frame = canvas.parentElement.getBoundingClientRect();
    if (rect.width > canvas.parentElement.clientWidth + 0.5 || rect.left < frame.left - 0.5 || rect.right > frame.right + 0.5) {
      problems.push(`${label}: ${rect.width} CSS px wide in a frame of ${canvas.parentElement.clientWidth}`);
    }
  }
  if (touchTargets) {
    for (const el of document.querySelectorAll(touchTargets)) {
      if (!visible(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width < 24 || rect.height < 24) {
        problems.push(`${name(el)} "${(el.textContent || el.type || '').trim().slice(0, 20)}" is a ${rect.width.toFixed(1)}×${rect.height.toFixed(1)} px target`);
      }
    }
  }
  return problems;
}

/** The problems at this size, with every <details> (the charts' text twins) closed, then open. */
async function auditLayout(frame, touchTargets) {
  const closed = await frame.evaluate(layoutProblems, touchTargets);
  await frame.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const open = (await frame.evaluate(layoutProblems, touchTargets)).filter((p) => !closed.includes(p)).map((p) => `(details open) ${p}`);
  await frame.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = false; }));
  return [...closed, ...open];
}

for (const device of DEVICES) {
  test.describe(`on a ${device.name} (${device.use.viewport.width}×${device.use.viewport.height}, DPR ${device.use.deviceScaleFactor})`, () => {
    test.use(device.use);

    for (const view of VIEWS) {
      test(`the ${view.name} fits, with crisp charts`, async ({ dashboard, page }) => {
        await dashboard.goto(join(view.query, device.query));
        for (const selector of view.ready) {
          await expect(page.locator(selector).first()).toBeVisible({ timeout: 30_000 });
        }
        expect(await page.evaluate(() => window.devicePixelRatio)).toBe(device.use.deviceScaleFactor);
        await chartsSettled(page);
        await page.evaluate(() => document.fonts.ready);
        const touch = device.use.hasTouch ? TOUCH_TARGETS : null;
        expect(await auditLayout(page, touch), `${view.name} on a ${device.name}`).toEqual([]);
        if (device.axe) {
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
          const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
          const serious = results.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
          expect(serious, `axe on the ${view.name} on a ${device.name}`).toEqual([]);
        }
      });
    }
  });
}

test.describe('resizing the window', () => {
  test.use({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });

  test('redraws the charts at the new size, laptop to phone and back', async ({ dashboard, page }) => {
    await dashboard.goto();
    await dashboard.waitLoaded();
    await chartsSettled(page);
    const timeline = dashboard.outageTimeline;
    // Six and a half hours of 30 days are under 2 CSS px on a phone: look a pixel either side.
    const majorShare = async ({ tMs = THURSDAY_MAJOR_MID_MS, radius = 3 } = {}) => {
      const at = await dashboard.pointAt(timeline, tMs, EMAIL_ROW_Y_CSS);
      return dashboard.shareNear(timeline, at, MAJOR_OUTAGE_RGB, radius);
    };
    const wide = await timeline.evaluate((el) => el.width);
    expect(await majorShare(), 'major colour mid-outage on the laptop').toBeGreaterThan(0.4);

    await page.setViewportSize({ width: 390, height: 844 });
    await chartsSettled(page);
    const narrow = await timeline.evaluate((el) => el.width);
    expect(narrow, 'backing store narrower on the phone').toBeLessThan(wide / 2);
    expect(await majorShare({ radius: 1 }), 'major colour mid-outage on the phone').toBeGreaterThan(0);
    expect(await majorShare({ tMs: THURSDAY.majorFromMs - 86_400_000 }), 'none a day before').toBe(0);
    expect(await page.evaluate(layoutProblems, null), 'overview after narrowing').toEqual([]);

    await page.setViewportSize({ width: 1366, height: 768 });
    await chartsSettled(page);
    expect(await timeline.evaluate((el) => el.width), 'backing store wide again').toBe(wide);
    expect(await majorShare(), 'major colour mid-outage after widening').toBeGreaterThan(0.4);
  });

  test('redraws the charts when their frame narrows while the window keeps its size', async ({ dashboard, page }) => {
    // As when a scrollbar appears, or the page around an embedded panel changes its layout.
    await dashboard.goto();
    await dashboard.waitLoaded();
    await chartsSettled(page);
    const wide = await dashboard.outageTimeline.evaluate((el) => el.width);
    await page.evaluate(() => { document.querySelector('main').style.maxWidth = '700px'; });
    await chartsSettled(page);
    expect(await dashboard.outageTimeline.evaluate((el) => el.width), 'backing store follows the frame').toBeLessThan(wide);
  });
});

for (const device of DEVICES.slice(0, 2)) {
  test.describe(`a tooltip on a ${device.name}`, () => {
    test.use(device.use);

    test('stays inside the chart near its right edge, readable', async ({ dashboard, page }) => {
      await dashboard.goto();
      await dashboard.waitLoaded();
      await chartsSettled(page);
      const timeline = dashboard.outageTimeline;
      await timeline.scrollIntoViewIfNeeded();
      // The Thursday outage lies near the right edge of the last 30 days; its tooltip is long.
      const { x, y } = await dashboard.pointAt(timeline, THURSDAY_MAJOR_MID_MS, EMAIL_ROW_Y_CSS);
      const box = await timeline.boundingBox();
      await page.mouse.move(box.x + x, box.y + y);
      const tooltip = page.locator(SELECTORS.timelineTooltip);
      await expect(tooltip).toContainText(THURSDAY.id);
      const [tip, frame] = await Promise.all([tooltip.boundingBox(), page.locator(SELECTORS.timelineFrame).boundingBox()]);
      expect(tip.x, 'tooltip left edge inside the chart').toBeGreaterThanOrEqual(frame.x - 0.5);
      expect(tip.x + tip.width, 'tooltip right edge inside the chart').toBeLessThanOrEqual(frame.x + frame.width + 0.5);
      expect(tip.width, 'tooltip not squeezed into a narrow column').toBeGreaterThan(Math.min(200, frame.width / 2));
      expect(await page.evaluate(layoutProblems, null), 'no sideways overflow while the tooltip shows').toEqual([]);
    });
  });
}

test.describe('a wall screen', () => {
  test.use({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });

  test('sets larger type than the same screen without wall=1', async ({ dashboard, page }) => {
    const sizes = async (query) => {
      await dashboard.goto(query);
      await dashboard.waitLoaded();
      return page.evaluate(() => {
        const px = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
        return { root: px('html'), heading: px('.summary h1'), panelHeading: px('.panel h2'), text: px('[data-testid=weights-note]'), nav: px('header nav a') };
      });
    };
    const normal = await sizes('');
    const wall = await sizes('?wall=1');
    for (const key of Object.keys(normal)) {
      expect(wall[key], `${key}: ${wall[key]} px on the wall, ${normal[key]} px normally`).toBeGreaterThan(normal[key] * 1.2);
    }
  });
});

test.describe('one panel embedded in a small iframe', () => {
  test.use({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });

  const PANELS = [
    ['uptime-bars', 'service=email', SELECTORS.uptimeBars],
    ['calendar', 'service=email', 'canvas[data-testid=calendar]'],
    ['timeline', '', SELECTORS.outageTimeline],
    ['curve', 'service=email', SELECTORS.availabilityCurve],
    ['burndown', '', SELECTORS.burndown],
    ['services', '', SELECTORS.serviceRow],
    ['dependencies', 'service=webapp', '[data-testid=dependency-row]'],
  ];
  for (const [panel, extra, ready] of PANELS) {
    test(`panel=${panel} fits 400 × 300 px`, async ({ page, baseURL }) => {
      const src = new URL(join('embed=1', `panel=${panel}`, extra), baseURL).href;
      await page.setContent(`<iframe src="${src}" title="Service status" width="400" height="300" style="border: 0"></iframe>`);
      const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
      await expect(frame.locator(ready).first()).toBeVisible({ timeout: 30_000 });
      await chartsSettled(frame);
      expect(await frame.evaluate(() => [window.innerWidth, window.devicePixelRatio])).toEqual([400, 2]);
      expect(await frame.locator('header.topbar').count(), 'no page chrome').toBe(0);
      expect(await auditLayout(frame, null), `panel=${panel} in a 400 × 300 iframe`).toEqual([]);
    });
  }
});
