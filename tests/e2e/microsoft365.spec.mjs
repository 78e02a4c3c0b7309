// Microsoft 365 service health live in the page: the user signs in from the page (OAuth 2.0
// code flow with PKCE, no client secret) at a real OpenID provider on loopback (oidc-provider),
// and the page reads a loopback stand-in for Graph that answers only access tokens that provider
// signed, for its audience and scope, page by page. All of it under the page's strict
// Content-Security-Policy, with the provider's and Graph's origins in connect-src.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { test, expect, servePage, DashboardPage } from './dashboard-page.mjs';
import { startIdentity, signInAt, GRAPH_SCOPE, MESSAGE_SCOPE, TENANT_ID } from './identity.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The demo's MO1221364 in Graph's shapes: three overviews, then the issue listed on its own. */
const GRAPH_ITEMS = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/msgraph/constructed_mo1221364.json'), 'utf8'));
const OVERVIEWS = GRAPH_ITEMS.filter((item) => !('startDateTime' in item));
const ISSUES = GRAPH_ITEMS.filter((item) => 'startDateTime' in item);
/** Four real message-center posts (planned changes), one of them about Exchange Online. */
const MESSAGES = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/msgraph/cli-m365_messages-list_4.json'), 'utf8')).value;
const CLIENT_ID = 'nines-e2e';
/**
 * The timeline's colour for a partial outage. Graph states no impact level: an incident that
 * stopped a service's feature reads as partial (docs/microsoft365.md), where the demo says major.
 */
const PARTIAL_OUTAGE_RGB = [230, 159, 0];

/**
 * The page (its own build, on loopback) and the identity, the page's config naming both; with
 * `messages`, the source also reads the message-center posts, and the page asks `scopes`.
 */
async function tenant({ accessTokenTtlS = 3600, refreshS = 600, sessionStorage = false, messages = false, scopes = [GRAPH_SCOPE] } = {}) {
  const site = await servePage({});
  const id = await startIdentity({
    clientId: CLIENT_ID,
    redirectUris: [site.url],
    allowOrigin: new URL(site.url).origin,
    accessTokenTtlS,
    pageSize: 1,
    overviews: OVERVIEWS,
    issues: ISSUES,
    messages: messages ? MESSAGES : [],
  });
  site.reconfigure({
    title: 'Contoso · Microsoft 365',
    auth: { provider: 'openid', issuer: id.issuer, client_id: CLIENT_ID, scopes, session_storage: sessionStorage },
    allow_origins: [new URL(id.graphBase).origin],
    sources: [{ id: 'm365', label: 'Microsoft 365', url: id.graphBase, microsoft365: messages ? { messages } : {}, refresh_s: refreshS }],
  });
  return {
    site,
    id,
    stop: async () => {
      site.stop();
      await id.close();
    },
  };
}

/**
 * The provider's own pages (login, consent) are not the dashboard's: their console is theirs
 * (they ask for a web font, which this closed network does not reach).
 */
function tolerateProvider(problems, id) {
  problems.tolerateConsoleError(({ url }) => url.startsWith(id.issuer) || url.startsWith('https://fonts.googleapis.com/'));
}

/** The dashboard of the tenant's three services, drawn. */
async function waitForData(page) {
  await expect(page.getByTestId('service-row')).toHaveCount(3, { timeout: 30_000 });
  await expect(page.locator('canvas[data-testid=outage-timeline]')).toBeVisible();
}

/**
 * Along a device-pixel row near the top of the timeline's first bar, from `fromMs` to `toMs`
 * (1 CSS px in from each end): the share of pixels in the partial colour, and how many runs of
 * other colours break it (the hatch's lines).
 */
async function hatchAlong(page, fromMs, toMs) {
  const timeline = page.locator('canvas[data-testid=outage-timeline]');
  await expect(timeline).toHaveAttribute('data-start-ms', /\d+/);
  const dashboard = new DashboardPage(page);
  const barTopCss = 6;
  const [from, to] = [await dashboard.pointAt(timeline, fromMs, barTopCss), await dashboard.pointAt(timeline, toMs, barTopCss)];
  return timeline.evaluate(
    (el, { x0Css, x1Css, yCss, rgb }) => {
      const ratio = el.width / el.getBoundingClientRect().width;
      const [x0, x1] = [Math.ceil((x0Css + 1) * ratio), Math.floor((x1Css - 1) * ratio)];
      const data = el.getContext('2d').getImageData(x0, Math.ceil(yCss * ratio), x1 - x0, 1).data;
      let [level, lines, inLevel] = [0, 0, true];
      for (let i = 0; i < data.length; i += 4) {
        const isLevel = rgb.every((c, k) => Math.abs(data[i + k] - c) <= 8);
        if (isLevel) level++;
        if (!isLevel && inLevel) lines++;
        inLevel = isLevel;
      }
      return { levelShare: level / (data.length / 4), lines, widthCss: (x1 - x0) / ratio };
    },
    { x0Css: from.x, x1Css: to.x, yCss: barTopCss + 1, rgb: PARTIAL_OUTAGE_RGB },
  );
}

/** Signs in again in a tab whose provider session remembers the user: no login, no consent. */
async function signInAgain(page) {
  await expect(page.getByTestId('signed-out')).toBeVisible();
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Avery Admin (avery@contoso.example)');
}

/** Opens the page, signs in as `login` and waits for the data. */
async function signIn(page, site, login = 'avery') {
  await page.goto(site.url);
  await expect(page.getByTestId('signed-out')).toBeVisible();
  await page.getByTestId('sign-in').click();
  await signInAt(page, login);
  await expect(page.getByTestId('signed-in-user')).toHaveText('Avery Admin (avery@contoso.example)');
}

test('sign in, see the tenant\'s service health with MO1221364 as the demo tells it, sign out', async ({ page, problems }) => {
  const { site, id, stop } = await tenant();
  tolerateProvider(problems, id);
  const console = [];
  page.on('console', (message) => console.push(message.text()));
  try {
    await page.goto(site.url);
    // Before signing in: the source says what it needs, and nothing was asked of Graph.
    await expect(page.getByTestId('load-error')).toContainText('Sign in to see this data.');
    expect(id.graph.requests, 'no request without a token').toEqual([]);
    // The provider must refuse the page's code without its PKCE verifier, or with another: each
    // is tried on the way, before the page's own request goes through.
    const withoutVerifier = [];
    await page.route(id.tokenEndpoint, async (route) => {
      const form = new URLSearchParams(route.request().postData());
      if (form.get('grant_type') === 'authorization_code') {
        const missing = new URLSearchParams(form);
        missing.delete('code_verifier');
        const wrong = new URLSearchParams(form);
        wrong.set('code_verifier', 'x'.repeat(43));
        for (const attempt of [missing, wrong]) {
          const answer = await route.fetch({ postData: attempt.toString() });
          withoutVerifier.push(`${answer.status()} ${(await answer.json()).error}`);
        }
      }
      return route.continue();
    });
    await page.getByTestId('sign-in').click();
    await signInAt(page, 'avery');
    await expect(page.getByTestId('signed-in-user')).toHaveText('Avery Admin (avery@contoso.example)');
    await expect(page.getByTestId('signed-in-tenant')).toHaveText(` · tenant ${TENANT_ID}`);
    expect(withoutVerifier, 'no code without its verifier').toEqual(['400 invalid_grant', '400 invalid_grant']);
    await waitForData(page);

    // The code and state left the address; the verifier went with the code.
    expect(new URL(page.url()).search, 'no code or state in the address').toBe('');
    const exchange = id.tokenRequests.find((r) => r.grant_type === 'authorization_code' && r.status === 200);
    expect(exchange, 'the code was exchanged with its PKCE verifier').toMatchObject({ has_code_verifier: true });
    // Both collections, every page (one item each), all with the token.
    const paths = id.graph.requests.map((r) => `${r.path}${r.query.$skiptoken ? ` +${r.query.$skiptoken}` : ''}`);
    expect(paths).toEqual([
      '/v1.0/admin/serviceAnnouncement/healthOverviews',
      '/v1.0/admin/serviceAnnouncement/healthOverviews +1',
      '/v1.0/admin/serviceAnnouncement/healthOverviews +2',
      '/v1.0/admin/serviceAnnouncement/issues',
    ]);
    expect(id.graph.requests.every((r) => r.authorized && r.status === 200)).toBe(true);

    // The three services, and the outage: its duration to the minute, third party, five posts,
    // its id linking to the admin center.
    await page.goto(`${site.url}?incident=MO1221364`);
    // Tokens live in memory only: a new page load is signed out until the user signs in again,
    // and then comes back to the address it was at.
    await signInAgain(page);
    const detail = page.getByTestId('incident-detail');
    await expect(detail, 'the view state came back after signing in').toBeVisible();
    await expect(detail).toContainText("Users in North America can't send or receive email");
    await expect(page.getByTestId('incident-duration')).toHaveText('24 h 55 min');
    await expect(page.getByTestId('incident-origin')).toHaveText('Third party');
    await expect(detail.locator('.updates li')).toHaveCount(5);
    await expect(detail.locator('.updates li').last()).toContainText('Closure id: MO1221364');
    // On Exchange Online's row of the timeline, third party; its text twin says so to the minute.
    const outage = page.getByTestId('outage-row').filter({ hasText: 'MO1221364' });
    await expect(outage).toContainText('Exchange Online');
    await expect(outage).toContainText('Third party');
    await expect(outage.getByTestId('outage-duration')).toHaveText('24 h 55 min');
    // And in pixels: along the top of Exchange Online's bar (the first row), the outage's colour
    // is broken by the third-party hatch, one line every 7 CSS px, from its start to its end.
    const hatch = await hatchAlong(page, Date.parse('2026-11-19T13:10:00Z'), Date.parse('2026-11-20T14:05:00Z'));
    expect(hatch.levelShare, 'mostly the partial colour').toBeGreaterThan(0.5);
    expect(hatch.levelShare, 'but hatched').toBeLessThan(0.95);
    expect(hatch.lines, `hatch lines across ${hatch.widthCss} CSS px`).toBeGreaterThanOrEqual(Math.floor(hatch.widthCss / 7) - 1);
    expect(hatch.lines).toBeLessThanOrEqual(Math.ceil(hatch.widthCss / 7) + 1);
    await expect(page.getByTestId('incident-id').locator('a')).toHaveAttribute(
      'href',
      'https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/MO1221364',
    );

    // Its share of the month's incident time: all of it, the tenant's only incident.
    await page.getByTestId('nav-incidents').click();
    await expect(page.getByTestId('incident-figures')).toHaveText(
      'Last 30 days: 1 incident, 24 h 55 min of incident time, 24 h 55 min of it third party (100.0 %); mean time to repair 24 h 55 min.',
    );

    // No token in localStorage, sessionStorage (not asked for), the address or the console.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
    expect(stored).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(stored).not.toContain('refresh');
    expect(console.join('\n')).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);

    // Sign out: the tokens are gone and so is the data.
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('signed-out')).toBeVisible();
    await expect(page.getByTestId('load-error')).toContainText('Sign in to see this data.');
  } finally {
    await stop();
  }
});

test('an answer whose state is not the one this tab sent is refused, and its code never exchanged', async ({ page, problems }) => {
  const { site, id, stop } = await tenant();
  tolerateProvider(problems, id);
  try {
    // A sign-in this tab started, then an answer with another state: a forged or replayed link.
    await page.goto(site.url);
    await expect(page.getByTestId('signed-out')).toBeVisible();
    await page.evaluate(() =>
      sessionStorage.setItem('nines.sign-in.pending', JSON.stringify({ state: 'sent-state', nonce: 'n', verifier: 'v', back: location.href })),
    );
    await page.goto(`${site.url}?view=incidents&code=stolen-code&state=forged-state`);
    await expect(page.getByTestId('sign-in-error')).toContainText('does not match the sign-in this tab started (state); it was refused');
    expect(new URL(page.url()).search, 'the answer left the address').toBe('');
    // An answer when this tab started nothing is ignored too.
    await page.goto(`${site.url}?code=stolen-code&state=sent-state`);
    await expect(page.getByTestId('sign-in-error')).toContainText('this tab started no sign-in');
    await expect(page.getByTestId('load-error')).toContainText('Sign in to see this data.');
    expect(id.tokenRequests, 'no code was exchanged').toEqual([]);
    expect(id.graph.requests, 'nothing was read').toEqual([]);
  } finally {
    await stop();
  }
});

test('a missing permission (403) says so, and a 429 waits for its Retry-After', async ({ page, problems }) => {
  const { site, id, stop } = await tenant({ refreshS: 600 });
  tolerateProvider(problems, id);
  problems.tolerateConsoleError(({ text }) => /status of (403|429)/.test(text));
  try {
    id.graph.failNext(403, {}, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    await signIn(page, site);
    await expect(page.getByTestId('load-error')).toContainText(`it needs the permission ${GRAPH_SCOPE}`);
    await expect(page.getByTestId('load-error')).toContainText('Insufficient privileges to complete the operation.');

    // A tenant whose subscription has no service health: its own message, not the consent one.
    id.graph.failNext(403, {}, { error: { code: 'Forbidden', message: 'The tenant does not have a valid license for this request.' } });
    await page.reload();
    await signInAgain(page);
    await expect(page.getByTestId('load-error')).toContainText("This tenant's subscription does not include this data.");
    await expect(page.getByTestId('load-error')).toContainText('does not have a valid license');

    // The next attempt is throttled; refreshed every 10 minutes, the backoff alone would wait 5 to
    // 10 minutes, but the server asks for 4 s.
    id.graph.failNext(429, { 'Retry-After': '4' }, { error: { code: 'TooManyRequests', message: 'Too many requests.' } });
    const before = id.graph.requests.length;
    await page.reload();
    await signInAgain(page);
    await expect(page.getByTestId('load-error')).toContainText('HTTP 429');
    const throttled = id.graph.requests[before];
    expect(throttled.status).toBe(429);
    await expect(page.getByTestId('service-row'), 'read once the 4 s passed').toHaveCount(3, { timeout: 20_000 });
    const retried = id.graph.requests[before + 1];
    expect(retried.at_ms - throttled.at_ms).toBeGreaterThanOrEqual(4_000);
    expect(retried.at_ms - throttled.at_ms).toBeLessThan(30_000);
  } finally {
    await stop();
  }
});

test('message-center posts are announcements beside the incidents, as text, never outages', async ({ page, problems }) => {
  const { site, id, stop } = await tenant({ messages: true, scopes: [GRAPH_SCOPE, MESSAGE_SCOPE] });
  tolerateProvider(problems, id);
  try {
    await signIn(page, site);
    await waitForData(page);
    // The posts' collection too, every page (one post each), with the token that may read it.
    const posts = id.graph.requests.filter((r) => r.path === '/v1.0/admin/serviceAnnouncement/messages');
    expect(posts.map((r) => r.query.$skiptoken ?? '0')).toEqual(['0', '1', '2', '3']);
    expect(id.graph.requests.every((r) => r.authorized && r.status === 200)).toBe(true);
    // No outage was made of them: the timeline and the figures hold MO1221364 alone.
    await expect(page.getByTestId('outage-row')).toHaveCount(1);
    await page.getByTestId('nav-incidents').click();
    await expect(page.getByTestId('incident-row')).toHaveCount(1);
    await expect(page.getByTestId('incident-figures')).toContainText('Last 30 days: 1 incident, 24 h 55 min of incident time');

    // Below the incidents, the four posts, newest first, each with its kind, services and dates.
    await expect(page.getByTestId('announcement-count')).toHaveText(
      '4 notices of planned changes and news. They are not outages: no figure counts them.',
    );
    const notices = page.getByTestId('announcement');
    await expect(notices).toHaveCount(4);
    expect(await notices.evaluateAll((els) => els.map((el) => el.dataset.announcementId))).toEqual(['MC248201', 'MC247825', 'MC237741', 'MC237349']);
    const skype = notices.filter({ hasText: 'MC237349' });
    await expect(skype.getByTestId('announcement-facts')).toHaveText(
      'Plan for change · User impact · Admin impact · Skype for Business · published 2021-02-01 · until 2022-01-31 · act by 2021-07-31',
    );
    // Opened: its HTML body as plain text (no element made of it), and its admin-center page.
    const text = skype.getByTestId('announcement-text');
    await expect(text).toBeHidden();
    await skype.locator('summary').click();
    await expect(text).toContainText('this is a reminder the Skype for Business Online service will retire July 31, 2021.');
    await expect(text).toContainText('• Neither the Skype consumer service');
    expect(await text.evaluate((el) => [el.childElementCount, el.textContent.includes('<')])).toEqual([0, false]);
    await expect(skype.locator('.links a').first()).toHaveAttribute('href', 'https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/MC237349');

    // The service filter narrows them: Exchange Online has one post, about basic authentication.
    await page.getByTestId('filter-service').selectOption({ label: 'Exchange Online' });
    await expect(notices).toHaveCount(1);
    await expect(notices).toHaveAttribute('data-announcement-id', 'MC237741');
    await page.getByTestId('filter-service').selectOption({ label: 'all' });
    await page.getByTestId('filter-search').fill('power bi');
    await expect(notices).toHaveCount(1);
    await expect(notices).toHaveAttribute('data-announcement-id', 'MC248201');
  } finally {
    await stop();
  }
});

test('posts the token may not read get the consent message naming their own permission', async ({ page, problems }) => {
  const { site, id, stop } = await tenant({ messages: true });
  tolerateProvider(problems, id);
  problems.tolerateConsoleError(({ text }) => text.includes('status of 403'));
  try {
    await signIn(page, site);
    await expect(page.getByTestId('load-error')).toContainText(`it needs the permission ${MESSAGE_SCOPE}`);
    const refused = id.graph.requests.filter((r) => r.status === 403).map((r) => r.path);
    expect(refused).toEqual(['/v1.0/admin/serviceAnnouncement/messages']);
  } finally {
    await stop();
  }
});

test('with session_storage, a reload of the tab stays signed in; localStorage never holds a token', async ({ page, problems }) => {
  const { site, id, stop } = await tenant({ sessionStorage: true });
  tolerateProvider(problems, id);
  try {
    await signIn(page, site);
    await waitForData(page);
    const exchanges = id.tokenRequests.length;
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toHaveText('Avery Admin (avery@contoso.example)');
    await waitForData(page);
    expect(id.tokenRequests.length, 'no new sign-in or exchange').toBe(exchanges);
    const stores = await page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) }));
    expect(stores.session).toMatch(/eyJ/);
    expect(stores.local).not.toMatch(/eyJ/);
    // Signing out forgets them there too.
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('signed-out')).toBeVisible();
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toMatch(/eyJ/);
  } finally {
    await stop();
  }
});

test('a token that expires while the page is open is renewed with the refresh token', async ({ page, problems }) => {
  // Access tokens live 8 s: renewed 1.6 s before expiry; the source is read every 10 s.
  const { site, id, stop } = await tenant({ accessTokenTtlS: 8, refreshS: 10 });
  tolerateProvider(problems, id);
  try {
    await signIn(page, site);
    await waitForData(page);
    const first = id.graph.requests.length;
    await expect.poll(() => id.tokenRequests.filter((r) => r.grant_type === 'refresh_token' && r.status === 200).length, {
      message: 'renewed before it expired',
      timeout: 15_000,
    }).toBeGreaterThan(0);
    await expect.poll(() => id.graph.requests.length, { message: 'read again after the renewal', timeout: 20_000 }).toBeGreaterThan(first);
    // Every request carried a valid token: none was refused as expired.
    expect(id.graph.requests.every((r) => r.authorized && r.status === 200)).toBe(true);
    await expect(page.getByTestId('signed-in-user')).toHaveText('Avery Admin (avery@contoso.example)');
  } finally {
    await stop();
  }
});

/** A JWT whose payload is `claims` (unsigned: the page takes the ID token from the token endpoint over TLS). */
const jwt = (claims) => `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

test('the microsoft preset asks the tenant\'s endpoints, checks the tenant in the issuer, and links a 403 to admin consent', async ({ page, problems }) => {
  problems.tolerateConsoleError(({ text }) => text.includes('status of 403'));
  const tenant = 'contoso.onmicrosoft.com';
  const tid = '9188040d-6c67-4c5b-b112-36a304b66dad';
  const clientId = '11111111-2222-3333-4444-555555555555';
  // The page as built with this config: its policy allows the two Microsoft origins.
  const site = await servePage({
    auth: { provider: 'microsoft', tenant, client_id: clientId },
    allow_origins: ['https://graph.microsoft.com'],
    sources: [{ id: 'm365', label: 'Microsoft 365', microsoft365: { services: ['Exchange Online'], messages: true } }],
  });
  try {
    const baseURL = site.url;
    const pageOrigin = new URL(baseURL).origin;
    const cors = { 'access-control-allow-origin': pageOrigin, 'access-control-allow-headers': 'authorization' };
    // Microsoft's identity platform and Graph, answered here: the page's own requests, under its policy.
    let authorize = null;
    let exchange = null;
    await page.route('https://login.microsoftonline.com/**', async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === `/${tenant}/oauth2/v2.0/authorize`) {
        authorize = url.searchParams;
        const back = new URL(authorize.get('redirect_uri'));
        back.search = new URLSearchParams({ code: 'ms-code', state: authorize.get('state'), session_state: 's' }).toString();
        return route.fulfill({ status: 302, headers: { location: back.href } });
      }
      if (url.pathname === `/${tenant}/oauth2/v2.0/token` && route.request().method() === 'POST') {
        exchange = new URLSearchParams(route.request().postData());
        const claims = { iss: `https://login.microsoftonline.com/${tid}/v2.0`, aud: clientId, tid, nonce: authorize.get('nonce'), name: 'Avery Admin', preferred_username: 'avery@contoso.com' };
        const body = { token_type: 'Bearer', expires_in: 3599, access_token: 'ms-access-token', refresh_token: 'ms-refresh', id_token: jwt(claims) };
        return route.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: JSON.stringify(body) });
      }
      return route.fulfill({ status: 404, headers: cors });
    });
    const graph = [];
    await page.route('https://graph.microsoft.com/**', (route) => {
      graph.push({ url: route.request().url(), authorization: route.request().headers().authorization });
      const denied = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };
      return route.fulfill({ status: 403, headers: cors, contentType: 'application/json', body: JSON.stringify(denied) });
    });

    await page.goto(`${baseURL}?view=incidents`);
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('signed-in-user')).toHaveText('Avery Admin (avery@contoso.com)');
    await expect(page.getByTestId('signed-in-tenant')).toHaveText(` · tenant ${tid}`);

    // The authorization request: a code, with an S256 challenge of the verifier the token request
    // then carried, for the page's own address (without its query), no secret anywhere.
    expect(Object.fromEntries(authorize)).toMatchObject({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: `${baseURL}`,
      scope: 'openid profile offline_access https://graph.microsoft.com/ServiceHealth.Read.All https://graph.microsoft.com/ServiceMessage.Read.All',
      code_challenge_method: 'S256',
    });
    expect(Object.fromEntries(exchange)).toMatchObject({ grant_type: 'authorization_code', client_id: clientId, code: 'ms-code', redirect_uri: `${baseURL}` });
    expect(createHash('sha256').update(exchange.get('code_verifier')).digest('base64url'), 'S256 of the verifier').toBe(authorize.get('code_challenge'));
    expect([...authorize.keys(), ...exchange.keys()].some((k) => /secret/.test(k)), 'no client secret').toBe(false);
    expect(new URL(page.url()).searchParams.get('view'), 'back at the view sign-in began at').toBe('incidents');

    // Graph is asked with the token, filtered to the service; its 403 names the permission and
    // links to the tenant's admin-consent page.
    await expect(page.getByTestId('load-error')).toContainText('it needs the permission https://graph.microsoft.com/ServiceHealth.Read.All');
    await expect(page.getByTestId('help-link')).toHaveAttribute('href', `https://login.microsoftonline.com/${tenant}/adminconsent?client_id=${clientId}`);
    expect(graph[0].url).toBe(
      "https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues&$filter=service%20eq%20%27Exchange%20Online%27",
    );
    expect(graph[0].authorization).toBe('Bearer ms-access-token');
  } finally {
    site.stop();
  }
});

test('an ID token whose tenant is not the one in its issuer is refused', async ({ page }) => {
  const clientId = 'c-1';
  const site = await servePage({
    auth: { provider: 'microsoft', tenant: 'organizations', client_id: clientId },
    allow_origins: ['https://graph.microsoft.com'],
    sources: [{ id: 'm365', microsoft365: {} }],
  });
  try {
    let nonce = null;
    await page.route('https://login.microsoftonline.com/**', async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.endsWith('/authorize')) {
        nonce = url.searchParams.get('nonce');
        const back = new URL(url.searchParams.get('redirect_uri'));
        back.search = new URLSearchParams({ code: 'c', state: url.searchParams.get('state') }).toString();
        return route.fulfill({ status: 302, headers: { location: back.href } });
      }
      const claims = { iss: 'https://login.microsoftonline.com/tenant-a/v2.0', tid: 'tenant-b', aud: clientId, nonce };
      const body = { access_token: 'a', expires_in: 3600, id_token: jwt(claims) };
      return route.fulfill({ status: 200, headers: { 'access-control-allow-origin': '*' }, contentType: 'application/json', body: JSON.stringify(body) });
    });
    await page.goto(site.url);
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('sign-in-error')).toContainText('the ID token was issued by "https://login.microsoftonline.com/tenant-a/v2.0", not by the configured provider');
    await expect(page.getByTestId('load-error')).toContainText('Sign in to see this data.');
  } finally {
    site.stop();
  }
});
