// The demo laid out as a collector writes it (`gen_demo --collected DIR`), for the tests of the
// page on a collected folder: made in a temporary folder, and served at /nines/status/ with a
// config that names its index.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A new temporary folder (its name starting with `prefix`) holding the demo as a collected folder. */
export function makeCollectedDemo(prefix) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  execFileSync('cargo', ['run', '--quiet', '--no-default-features', '--example', 'gen_demo', '--', '--collected', folder], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return folder;
}

/** Serves `folder` at /nines/status/ (a month in `missing` answers 404; a shard waits for `gate`
 * when one is given), with a config whose one source is its index; the paths asked. */
export async function serveFolder(page, folder, missing = [], gate = null) {
  const config = { format: 'nines-config', version: 1, sources: [{ id: 'ops', label: 'Ops history', url: 'status/index.json' }] };
  await page.route('**/nines/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }));
  const asked = [];
  await page.route('**/nines/status/**', async (route) => {
    const name = new URL(route.request().url()).pathname.replace(/^.*\/status\//, '');
    asked.push(name);
    const file = path.join(folder, name);
    if (gate && name.startsWith('history/')) await gate;
    if (missing.some((m) => name === `history/${m}.json`) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not here' });
    return route.fulfill({ status: 200, contentType: 'application/json', body: fs.readFileSync(file) });
  });
  return asked;
}
