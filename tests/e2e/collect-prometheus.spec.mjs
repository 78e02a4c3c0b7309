// End to end from a real Prometheus (Debian's package, started on 127.0.0.1 with three days of
// backfilled one-minute probe results) through `nines collect` to the page: two collector runs a
// day and a half apart each ask the range API for two days, the outage falls across the two runs,
// and the page, reading the collected folder, measures it exactly as a source read whole.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './dashboard-page.mjs';
import { prometheusInstalled, startPrometheus } from '../../scripts/prometheus-e2e.mjs';
import { formatAvailability, MINUTE_S, probeOpenMetrics } from './probe-data.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOUR_S = 3600;
const DAY_S = 86_400;

// One sample a minute for three days, up to the latest whole minute (Unix seconds).
const LAST_S = Math.floor(Date.now() / 1000 / MINUTE_S) * MINUTE_S;
const FIRST_S = LAST_S - 3 * DAY_S;
/** The two runs: in the middle of the outage, then at the end of the data. */
const RUNS_S = [LAST_S - 36 * HOUR_S, LAST_S];
/** Email in North America is down (0) for exactly 90 minutes around the first run. */
const OUTAGE = { fromS: RUNS_S[0] - 45 * MINUTE_S, toS: RUNS_S[0] + 45 * MINUTE_S };
const SERIES = [
  { instance: 'email', region: 'na', downDuring: OUTAGE },
  { instance: 'email', region: 'eu' },
  { instance: 'chat', region: 'na' },
];

/** `nines …` from this checkout (test-schema builds it first), its standard output. */
function nines(args) {
  return execFileSync('cargo', ['run', '--quiet', '--no-default-features', '--bin', 'nines', '--', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const MISSING = "prometheus and promtool are not installed; scripts/setup.sh (run by `make test`) installs Debian's prometheus package";
const skip = !process.env.CI && !prometheusInstalled();
if (skip) console.warn(`collect-prometheus.spec.mjs: skipped: ${MISSING}`);
test.skip(skip, MISSING);

let prometheus;
let folder;
const said = [];

test.beforeAll(async () => {
  prometheus = await startPrometheus({ openMetrics: probeOpenMetrics(SERIES, FIRST_S, LAST_S) });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nines-collect-prometheus-'));
  const config = path.join(folder, 'collect.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      format: 'nines-config',
      version: 1,
      sources: [
        {
          id: 'probes',
          label: 'Synthetic probes',
          url: prometheus.url,
          prometheus: { query: 'probe_success', range_s: 2 * DAY_S, step_s: MINUTE_S, service_label: 'instance', region_label: 'region' },
        },
      ],
      collect: { interval_s: 300 },
    }),
  );
  const out = path.join(folder, 'out');
  for (const runS of RUNS_S) {
    said.push(nines(['collect', '--config', config, '--out', out, '--now', new Date(runS * 1000).toISOString()]));
  }
  said.push(nines(['check', out]));
});

test.afterAll(async () => {
  await prometheus?.stop();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test('a real Prometheus collected twice reads in the page as one history, its outage to the minute', async ({ dashboard, page }) => {
  // Each run asked for two days of one-minute points: the first from the start of the data, the
  // second the two days before the end.
  const firstRunPoints = (RUNS_S[0] - FIRST_S) / MINUTE_S + 1;
  const secondRunPoints = (2 * DAY_S) / MINUTE_S + 1;
  expect(said[0]).toContain(`source probes: 2 services, 0 incidents, 0 maintenances, ${3 * firstRunPoints} samples`);
  expect(said[1]).toContain(`source probes: 2 services, 0 incidents, 0 maintenances, ${3 * secondRunPoints} samples`);
  // The history holds the three days whole: 3 series × (3 days of minutes + 1) samples.
  const wholePoints = (LAST_S - FIRST_S) / MINUTE_S + 1;
  expect(said[2]).toContain(`format=nines (collected history) services=2 incidents=0 maintenances=0 announcements=0 series=3 samples=${3 * wholePoints} issues=0`);

  const out = path.join(folder, 'out');
  const config = { format: 'nines-config', version: 1, sources: [{ id: 'probes', label: 'Synthetic probes', url: 'status/index.json' }] };
  await page.route('**/nines/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
  const asked = [];
  await page.route('**/nines/status/**', (route) => {
    const name = new URL(route.request().url()).pathname.replace(/^.*\/status\//, '');
    asked.push(name);
    const file = path.join(out, name);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not here' });
    return route.fulfill({ status: 200, contentType: 'application/json', body: fs.readFileSync(file) });
  });
  await dashboard.goto();
  await expect(dashboard.overallStatus).toBeVisible({ timeout: 30_000 });
  // The index shows first; the months it names are read after it.
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  expect((await dashboard.serviceIds()).sort()).toEqual(['chat', 'email']);
  const months = [...new Set([FIRST_S, LAST_S].map((s) => new Date(s * 1000).toISOString().slice(0, 7)))];
  expect(asked, 'the index, then the months the samples fall in').toEqual(['index.json', ...months.map((m) => `history/${m}.json`)]);

  // Merged, the two runs are the three days whole, one point a minute per series, each standing
  // for its minute; as in the live source, a series is known from its first point to the last.
  // Email's North American points inside the outage read 0: 90 of them, 90 minutes.
  const emailKnownS = 2 * (LAST_S - FIRST_S);
  const email = 1 - (90 * MINUTE_S) / emailKnownS;
  await expect(dashboard.availabilityCell('email')).toHaveText(formatAvailability(email));
  await expect(dashboard.availabilityCell('email')).toHaveAttribute('title', 'from probe samples');
  await expect(dashboard.availabilityCell('chat')).toHaveText('100.000 %');
});
