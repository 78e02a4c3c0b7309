// Accessibility: an axe-core audit of every screen the page has, in the light and the dark theme,
// must find no serious or critical violation (colour contrast AA among them); and the charts can
// be used from the keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, SELECTORS, THURSDAY } from './dashboard-page.mjs';

const SCREENS = [
  ['overview', ''],
  ['service detail with an incident open', `?service=email&incident=${THURSDAY.id}`],
  ['one embedded panel', '?embed=1&panel=uptime-bars&service=email'],
  ['the calendars of every service', '?panel=calendar'],
  ['the incidents view', '?view=incidents&origin=third_party'],
  ['the regions view', '?view=regions'],
  ['the correlations view', '?view=correlations'],
  ['the monthly table', '?view=monthly'],
  ['the monthly table, services as rows', '?view=monthly&rows=services'],
  ['a service with dependencies', '?service=webapp'],
  ['a wall screen', '?wall=1'],
  ['a load error', '?source=missing.json'],
];

for (const theme of ['light', 'dark']) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    for (const [name, query] of SCREENS) {
      test(`axe finds nothing serious on ${name}`, async ({ dashboard, page, problems }) => {
        problems.tolerateConsoleError(({ text, url }) => url.includes('missing.json') || text.includes('missing.json'));
        await dashboard.goto(query);
        await expect(page.locator(`${SELECTORS.overallStatus}, ${SELECTORS.loadError}, ${SELECTORS.uptimeBarsRow}, [data-testid=calendar-row]`).first()).toBeVisible({ timeout: 30_000 });
        await page.waitForLoadState('networkidle');
        // Open every text twin, so the tables are audited too.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        expect(serious, `${name} in the ${theme} theme`).toEqual([]);
      });
    }
  });
}

test('the charts can be reached and used from the keyboard, with a visible focus', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  const frame = page.locator(SELECTORS.timelineFrame);
  // Tab until the timeline's frame has the focus.
  for (let i = 0; i < 60 && !(await frame.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(frame).toBeFocused();
  const outline = await frame.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline, 'a visible focus ring').not.toBe('none');
  const before = (await dashboard.linkedSpans()).timeline;
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await dashboard.linkedSpans()).timeline[0]).toBeLessThan(before[0]);
});
