// The URL rules hold through redirects: a response that a redirect took somewhere the rules do not
// allow is refused, never shown and never kept in the browser's cache. The page is a build of its
// own on loopback whose policy lets the browser reach another loopback origin (`servePage`), so
// the browser follows the redirect; the page then checks where it landed with the same rule as
// the first URL.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, servePage } from './dashboard-page.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO = fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', 'demo.json'), 'utf8');
const FOREIGN_CONFIG = JSON.stringify({ format: 'nines-config', version: 1, title: 'Foreign config', allow_origins: ['https://evil.example'] });

let other;
let otherOrigin;
let site;

test.beforeAll(async () => {
  // Another site: it answers anyone (CORS) with a config or with status data, and
  // redirects /acme/go.json out of its /acme/ folder.
  other = http.createServer((req, res) => {
    if (req.url === '/acme/go.json') {
      res.writeHead(302, { location: '/evil/demo.json', 'access-control-allow-origin': '*' });
      res.end();
      return;
    }
    const body = req.url === '/cfg.json' ? FOREIGN_CONFIG : DEMO;
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(body);
  });
  await new Promise((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${other.address().port}`;
  // The built config allows the other site, for data: the policy lets the browser reach it.
  site = await servePage({ allow_origins: [otherOrigin], sources: [] });
});

test.afterAll(() => {
  site?.stop();
  other?.close();
});

/** The page's own `pathname` answers 302 to `to`. */
async function redirect(page, pathname, to) {
  await page.route((url) => url.pathname === `/nines/${pathname}`, (route) => route.fulfill({ status: 302, headers: { location: to } }));
}

/** The keys the page keeps in localStorage. */
const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage));

test('a config reached through an open redirect on the own origin is refused', async ({ dashboard, page }) => {
  await redirect(page, 'go', `${otherOrigin}/cfg.json`);
  await page.goto(`${site.url}?config=${encodeURIComponent('go?to=cfg')}`);
  await expect(dashboard.loadError).toContainText('not allowed');
  await expect(dashboard.loadError).toContainText(`${otherOrigin}/cfg.json`);
  await expect(dashboard.loadError).toContainText('go?to=cfg redirected there, and a config is only read from the dashboard');
  await expect(page.getByText('Foreign config')).toHaveCount(0);
});

test('a source redirected to an origin its config does not allow is refused, never shown and never cached', async ({ dashboard, page }) => {
  // The config read with ?config= allows no other origin.
  const own = { format: 'nines-config', version: 1, sources: [{ id: 'ops', label: 'Ops', url: 'data/go.json' }] };
  await page.route((url) => url.pathname === '/nines/own.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(own) }),
  );
  await redirect(page, 'data/go.json', `${otherOrigin}/demo.json`);
  await page.goto(`${site.url}?config=own.json`);
  await expect(dashboard.loadError).toContainText('not allowed');
  await expect(dashboard.loadError).toContainText(`${otherOrigin}/demo.json`);
  await expect(dashboard.loadError).toContainText("data/go.json redirected there, and http://127.0.0.1");
  await expect(dashboard.loadError).toContainText("is another origin, and the config's allow_origins does not list it");
  await expect(page.locator('[data-testid=service-row]')).toHaveCount(0);
  expect(await storedKeys(page), 'nothing cached').toEqual([]);
});

test('a redirect within the rules is followed and its data shown', async ({ dashboard, page }) => {
  await redirect(page, 'data/moved.json', `${otherOrigin}/demo.json`);
  await page.goto(`${site.url}?source=${encodeURIComponent('data/moved.json')}`);
  await dashboard.waitLoaded();
});

/** Opens the page with a config (served as own.json) that allows the other site's /acme/ folder only. */
async function openWithFolder(page, sourceUrl) {
  const own = { format: 'nines-config', version: 1, allow_url_prefixes: [`${otherOrigin}/acme/`], sources: [{ id: 'acme', label: 'Acme', url: sourceUrl }] };
  await page.route((url) => url.pathname === '/nines/own.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(own) }),
  );
  await page.goto(`${site.url}?config=own.json`);
}

test('a file in an allowed folder is read', async ({ dashboard, page }) => {
  await openWithFolder(page, `${otherOrigin}/acme/status.json`);
  await dashboard.waitLoaded();
  await expect(page.locator('[data-testid=service-row]').first()).toBeVisible();
});

test('a redirect out of an allowed folder, on the same site, is refused, never shown and never cached', async ({ dashboard, page }) => {
  await openWithFolder(page, `${otherOrigin}/acme/go.json`);
  await expect(dashboard.loadError).toContainText('not allowed');
  await expect(dashboard.loadError).toContainText(`${otherOrigin}/acme/go.json redirected there, and ${otherOrigin}/evil/demo.json`);
  await expect(dashboard.loadError).toContainText("is in none of the folders the config's allow_url_prefixes lists");
  await expect(page.locator('[data-testid=service-row]')).toHaveCount(0);
  expect(await storedKeys(page), 'nothing cached').toEqual([]);
});
