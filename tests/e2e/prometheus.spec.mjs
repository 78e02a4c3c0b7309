// End-to-end test of a live Prometheus source: a real Prometheus (Debian's package) started on
// 127.0.0.1 with three days of backfilled one-minute probe results, one of them with a known
// 90-minute outage, and the dashboard asking its HTTP API (`/api/v1/query_range`, as Thanos, Mimir
// and VictoriaMetrics serve it too) with a step chosen from the chart width.
import { test, expect, servePage } from './dashboard-page.mjs';
import { prometheusInstalled, startPrometheus } from '../../scripts/prometheus-e2e.mjs';
import { formatAvailability, MINUTE_S, probeOpenMetrics } from './probe-data.mjs';

const HOUR_S = 3600;
const DAY_S = 86_400;
/** The config's range: five days, so that the 1200-pixel main column asks for a 360 s step. */
const RANGE_S = 5 * DAY_S;
/** The config's step: the least the page asks for. */
const STEP_S = 60;
/** Prometheus answers at most this many points per series. */
const MAX_POINTS = 11_000;

// The data, in Unix seconds: one sample a minute for three days, up to the latest whole minute.
const NOW_S = Math.floor(Date.now() / 1000);
const LAST_S = Math.floor(NOW_S / MINUTE_S) * MINUTE_S;
const FIRST_S = LAST_S - 3 * DAY_S;
/** Email in North America is down (0) for exactly 90 minutes from the whole hour 36 hours ago. */
const OUTAGE = { fromS: Math.floor(NOW_S / HOUR_S) * HOUR_S - 36 * HOUR_S, toS: 0 };
OUTAGE.toS = OUTAGE.fromS + 90 * MINUTE_S;
const SERIES = [
  { instance: 'email', region: 'na', downDuring: OUTAGE },
  { instance: 'email', region: 'eu' },
  { instance: 'chat', region: 'na' },
];

// Skipped only where nothing installed Prometheus (`make test` installs it); under CI a missing one
// is a failure.
const MISSING = "prometheus and promtool are not installed; scripts/setup.sh (run by `make test`) installs Debian's prometheus package";
const skip = !process.env.CI && !prometheusInstalled();
if (skip) console.warn(`prometheus.spec.mjs: skipped: ${MISSING}`);
test.skip(skip, MISSING);

let prometheus;
let site;

test.beforeAll(async () => {
  // The page is served from its own port on loopback (`servePage`), not known yet: any.
  prometheus = await startPrometheus({ openMetrics: probeOpenMetrics(SERIES, FIRST_S, LAST_S), corsOrigin: 'http://127\\.0\\.0\\.1:[0-9]+' });
});

test.afterAll(async () => {
  site?.stop();
  await prometheus?.stop();
});

test('a live Prometheus is asked with a step from the chart width and its outage is measured exactly', async ({ dashboard, page }) => {
  const config = {
    format: 'nines-config',
    version: 1,
    title: 'Synthetic probes',
    allow_origins: [new URL(prometheus.url).origin],
    sources: [
      {
        id: 'probes',
        label: 'Synthetic probes',
        url: prometheus.url,
        prometheus: { query: 'probe_success', range_s: RANGE_S, step_s: STEP_S, service_label: 'instance', region_label: 'region' },
      },
    ],
  };
  // A build whose policy lets it connect to the origins its config allows.
  site = await servePage(config);
  const queries = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/query_range')) queries.push(new URL(request.url()));
  });
  const answered = page.waitForResponse((response) => response.url().includes('/api/v1/query_range'));

  await page.goto(site.url);
  const response = await answered;
  expect(response.status(), 'Prometheus answered the range query').toBe(200);
  const body = await response.text();
  expect(body).toContain('"resultType":"matrix"');
  await expect(dashboard.overallStatus).toBeVisible({ timeout: 30_000 });
  expect((await dashboard.serviceIds()).sort()).toEqual(['chat', 'email']);

  // The step: the range over the chart width in device pixels (main's width × devicePixelRatio),
  // rounded up to a whole second, at least the config's step_s and within 11,000 points.
  const widthPx = await page.evaluate(() => Math.round(document.querySelector('main').clientWidth * devicePixelRatio));
  const stepS = Math.max(STEP_S, Math.ceil(RANGE_S / widthPx), Math.ceil(RANGE_S / MAX_POINTS));
  expect(queries, 'one range query').toHaveLength(1);
  const asked = Object.fromEntries(['query', 'start', 'end', 'step'].map((k) => [k, queries[0].searchParams.get(k)]));
  const [start, end] = [Number(asked.start), Number(asked.end)];
  expect(asked.query).toBe('probe_success');
  expect(Number(asked.step), `the step for ${widthPx} px`).toBe(stepS);
  expect(end % stepS, 'the end is rounded down to a whole step').toBe(0);
  expect(end - start).toBe(RANGE_S);
  // Prometheus finds a sample for a point at most 5 minutes before it: the last one is at `end`.
  expect(end - LAST_S, 'the data reaches the end of the range').toBeLessThan(5 * MINUTE_S);

  // Prometheus answers at start + k × step. The points with data run from the first at or after
  // FIRST_S to `end`; each stands for one step, and the last one ends the 30-day window (as of
  // `end`), so each series covers end − firstPoint. Email's North American points inside the
  // outage are the ones that read 0: with a 360 s step they are 15 of them, exactly 90 minutes.
  const points = [];
  for (let t = start; t <= end; t += stepS) points.push(t);
  const firstPoint = points.find((t) => t >= FIRST_S);
  const downPoints = points.filter((t) => t >= OUTAGE.fromS && t < OUTAGE.toS).length;
  const result = JSON.parse(body).data.result;
  const emailNa = result.find((s) => s.metric.instance === 'email' && s.metric.region === 'na');
  expect(emailNa.values.filter(([, v]) => v === '0')).toHaveLength(downPoints);
  expect(emailNa.values[0][0]).toBe(firstPoint);
  expect(emailNa.values.at(-1)[0]).toBe(end);
  if (stepS === 360) expect(downPoints * stepS, 'the whole outage, to the second').toBe(90 * MINUTE_S);

  const emailKnownS = 2 * (end - firstPoint); // two regions
  const email = 1 - (downPoints * stepS) / emailKnownS;
  await expect(dashboard.availabilityCell('email')).toHaveText(formatAvailability(email));
  await expect(dashboard.availabilityCell('email')).toHaveAttribute('title', 'from probe samples');
  await expect(dashboard.availabilityCell('chat')).toHaveText('100.000 %');
});
