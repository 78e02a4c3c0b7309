// Signing in from the page (the config's `auth`), and reading the sources that need the user's
// token: OAuth 2.0 authorization code with PKCE (S256), `state` and `nonce` checked, no client
// secret, the browser's own crypto. Written against the browser's APIs directly (fetch, crypto,
// sessionStorage, history), which is where all of this work lies; `ui::sign_in` calls it.
//
// Tokens live in this module's memory, and in sessionStorage only when the config says
// `session_storage`; never in localStorage, never in the address, never in the console.
// docs/microsoft365.md and docs/config.md ("Signing in") describe the flow for people.

const PENDING = 'nines.sign-in.pending';
const KEPT = 'nines.sign-in.tokens';
const MICROSOFT = 'https://login.microsoftonline.com';
const HEALTH_SCOPE = 'https://graph.microsoft.com/ServiceHealth.Read.All';
const MESSAGE_SCOPE = 'https://graph.microsoft.com/ServiceMessage.Read.All';
const ANSWER = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri', 'client_info'];
const MAX_PAGES = 100;
const TIMEOUT_MS = 20000;

let answer = null; // the provider's answer, taken out of the address
let setup = null; // { auth, endpoints, scope, scopes, permission, keep }
let tokens = null; // { access, refresh, expires, issued, user: { name, username, tenant } }
let renewal = 0; // the renewal timer
let failure = '';
let bar = null;

const storage = () => {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
};
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (count) => b64url(crypto.getRandomValues(new Uint8Array(count)));
const originOf = (url) => {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.origin : null;
  } catch {
    return null;
  }
};
const isLoopback = (url) => /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(url);
const form = (pairs) => new URLSearchParams(pairs).toString();

/** Takes the provider's answer out of the address, before the page reads its view state. */
export function take_answer() {
  const params = new URLSearchParams(location.search);
  const [code, state, error] = ['code', 'state', 'error'].map((name) => params.get(name));
  if (!error && !(code && state)) return;
  const kept = storage();
  let pending = null;
  try {
    pending = JSON.parse(kept?.getItem(PENDING) ?? 'null');
  } catch {}
  kept?.removeItem(PENDING);
  answer = { code, state, error, description: params.get('error_description'), pending };
  let back = pending?.back;
  if (originOf(back ?? '') !== location.origin) {
    const url = new URL(location.href);
    ANSWER.forEach((name) => url.searchParams.delete(name));
    back = url.href;
  }
  history.replaceState(null, '', back);
}

/**
 * Reads `auth` from the config's text; completes the sign-in whose answer `take_answer` found,
 * or takes up the tokens this tab kept; shows who is signed in. Whether the config signs in.
 */
export async function sign_in_start(configText, allowOrigins) {
  let auth;
  let messages = false;
  try {
    const config = JSON.parse(configText);
    auth = config.auth;
    messages = config.sources?.some?.((s) => s?.microsoft365?.messages === true) === true;
  } catch {}
  if (!auth) return false;
  try {
    setup = await prepare(auth, allowOrigins, messages);
    if (answer) await complete(answer);
    else restore();
  } catch (error) {
    failure = `Signing in failed: ${error.message}`;
  }
  answer = null;
  show();
  return true;
}

/** The provider, its endpoints and what to ask (with `messages`, the posts' permission too), checked. */
async function prepare(auth, allowOrigins, messages) {
  const preset = messages ? [HEALTH_SCOPE, MESSAGE_SCOPE] : [HEALTH_SCOPE];
  const scopes = auth.scopes ?? (auth.provider === 'microsoft' ? preset : []);
  const permission = scopes.join(' ');
  // A renewal asks the same, but `offline_access`: the refresh token it spends is that grant
  // (Microsoft's own examples leave it out; some providers refuse it there).
  const base = {
    auth,
    scope: ['openid', 'profile', 'offline_access', ...scopes].join(' '),
    renewScope: ['openid', 'profile', ...scopes].join(' '),
    scopes,
    permission,
    keep: auth.session_storage === true,
  };
  if (typeof auth.client_id !== 'string' || !auth.client_id.trim()) throw new Error('the config names no client_id');
  if (auth.provider === 'microsoft') {
    if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,255}$/.test(auth.tenant ?? '')) throw new Error('the config names no tenant (an id, a domain or organizations)');
    const at = `${MICROSOFT}/${auth.tenant}`;
    return { ...base, endpoints: { issuer: `${at}/v2.0`, authorization: `${at}/oauth2/v2.0/authorize`, token: `${at}/oauth2/v2.0/token` } };
  }
  if (auth.provider !== 'openid' || !originOf(auth.issuer ?? '')) throw new Error('the provider must be "microsoft" (with a tenant) or "openid" (with an issuer URL)');
  // The discovery document must name the issuer asked (OpenID Connect Discovery §4.3), its
  // endpoints must be https (http only on loopback), and the token endpoint on an origin the page
  // may ask: the issuer's, or one the config allows.
  const response = await fetch(`${auth.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { redirect: 'error' });
  if (!response.ok) throw new Error(`the provider's discovery document answered HTTP ${response.status}`);
  const doc = await response.json();
  if (doc.issuer !== auth.issuer) throw new Error(`the discovery document names the issuer ${JSON.stringify(doc.issuer)}, not ${JSON.stringify(auth.issuer)}`);
  for (const url of [doc.authorization_endpoint, doc.token_endpoint]) {
    if (!originOf(url ?? '') || !(url.startsWith('https://') || isLoopback(url))) throw new Error(`the endpoint ${url} is not https`);
  }
  const tokenOrigin = originOf(doc.token_endpoint);
  if (tokenOrigin !== originOf(auth.issuer) && !allowOrigins.includes(tokenOrigin)) {
    throw new Error(`the token endpoint ${doc.token_endpoint} is on an origin the config's allow_origins does not list`);
  }
  return { ...base, endpoints: { issuer: doc.issuer, authorization: doc.authorization_endpoint, token: doc.token_endpoint } };
}

const redirectUri = () => setup.auth.redirect_uri ?? location.href.split(/[?#]/)[0];

/** Leaves for the provider's sign-in page, keeping what the way back needs. */
async function begin() {
  const pending = { state: random(16), nonce: random(16), verifier: random(32), back: location.href };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier));
  storage()?.setItem(PENDING, JSON.stringify(pending));
  const query = form({
    client_id: setup.auth.client_id,
    response_type: 'code',
    redirect_uri: redirectUri(),
    response_mode: 'query',
    scope: setup.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: b64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  location.assign(`${setup.endpoints.authorization}${setup.endpoints.authorization.includes('?') ? '&' : '?'}${query}`);
}

/** Trades the answer's code for tokens, once its state is the one this tab sent. */
async function complete({ code, state, error, description, pending }) {
  if (error) throw new Error(`the provider refused it: ${error}${description ? ` (${description})` : ''}`);
  if (!pending) throw new Error('this tab started no sign-in (or it was already completed); the answer was ignored');
  if (state !== pending.state) throw new Error('the answer does not match the sign-in this tab started (state); it was refused');
  const body = { grant_type: 'authorization_code', client_id: setup.auth.client_id, code, redirect_uri: redirectUri(), code_verifier: pending.verifier };
  hold(await tokenRequest(body, pending.nonce, null));
}

/** POSTs `body` to the token endpoint; the ID token, when there is one, must be this sign-in's. */
async function tokenRequest(body, nonce, user) {
  let response;
  try {
    response = await fetch(setup.endpoints.token, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form(body), redirect: 'error' });
  } catch {
    throw new Error(`could not reach the token endpoint ${setup.endpoints.token} (or it refused this page: CORS)`);
  }
  const reply = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`the token request failed (HTTP ${response.status}): ${reply.error ?? 'no error given'}${reply.error_description ? ` (${reply.error_description})` : ''}`);
  }
  if (typeof reply.access_token !== 'string') throw new Error('the token answer has no access_token');
  if (reply.id_token) user = idTokenUser(reply.id_token, nonce);
  else if (!user) throw new Error('the token answer has no id_token (is openid among the scopes?)');
  const now = Date.now();
  const lifetime = Math.min(Math.max((reply.expires_in ?? 3600) * 1000, 1000), 86400000);
  return { access: reply.access_token, refresh: reply.refresh_token ?? null, expires: now + lifetime, issued: now, user };
}

/**
 * Who the ID token names, once its nonce (on sign-in), issuer and audience are this sign-in's. It
 * comes straight from the token endpoint over TLS, so its signature is not checked here
 * (OpenID Connect Core §3.1.3.7).
 */
function idTokenUser(idToken, nonce) {
  let claims;
  try {
    const base64 = idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
  } catch {
    throw new Error('the ID token is not a JWT');
  }
  if (nonce && claims.nonce !== nonce) throw new Error('the ID token is not for this sign-in (nonce)');
  const issuer = setup.auth.provider === 'microsoft' ? `${MICROSOFT}/${claims.tid}/v2.0` : setup.endpoints.issuer;
  if (claims.iss !== issuer) throw new Error(`the ID token was issued by ${JSON.stringify(claims.iss)}, not by the configured provider`);
  if (![claims.aud].flat().includes(setup.auth.client_id)) throw new Error('the ID token is not for this app (aud)');
  return { name: claims.name ?? null, username: claims.preferred_username ?? claims.email ?? null, tenant: claims.tid ?? null };
}

/** When `held` is renewed: a fifth of its life before it expires, at most 5 minutes before. */
const renewAt = (held) => held.expires - Math.min((held.expires - held.issued) / 5, 300000);

/** Holds `held`: kept when allowed, renewed before it expires. */
function hold(held) {
  tokens = held;
  failure = '';
  if (setup.keep) storage()?.setItem(KEPT, JSON.stringify(held));
  clearTimeout(renewal);
  renewal = setTimeout(renew, Math.max(renewAt(held) - Date.now(), 0));
}

function restore() {
  if (!setup.keep) return;
  try {
    const kept = JSON.parse(storage()?.getItem(KEPT) ?? 'null');
    if (kept?.access && kept.expires > Date.now()) hold(kept);
  } catch {}
}

function forget() {
  tokens = null;
  clearTimeout(renewal);
  storage()?.removeItem(KEPT);
}

/**
 * Renews with the refresh token; when that fails the user is signed out and asked to sign in
 * again. One renewal at a time: the timer and a refused request never spend a rotating refresh
 * token twice.
 */
let renewing = null;
function renew() {
  renewing ??= renewOnce().finally(() => {
    renewing = null;
  });
  return renewing;
}

async function renewOnce() {
  const held = tokens;
  if (!held) return null;
  try {
    if (!held.refresh) throw new Error('the provider gave no refresh token');
    const body = { grant_type: 'refresh_token', client_id: setup.auth.client_id, refresh_token: held.refresh, scope: setup.renewScope };
    const renewed = await tokenRequest(body, null, held.user);
    hold({ ...renewed, refresh: renewed.refresh ?? held.refresh });
  } catch (error) {
    forget();
    failure = `Your sign-in expired and could not be renewed (${error.message}); sign in again.`;
  }
  show();
  return tokens?.access ?? null;
}

/** A fresh access token (renewed first when it is due), or null. */
async function accessToken() {
  if (!tokens) return null;
  return Date.now() < renewAt(tokens) ? tokens.access : renew();
}

/** The sign-in bar, first in the page: who is signed in to which tenant, and the buttons. */
function show() {
  if (!bar) {
    bar = document.createElement('p');
    bar.className = 'sign-in';
    document.body.prepend(bar);
  }
  const button = (label, testid, onClick) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.testid = testid;
    b.addEventListener('click', onClick);
    return b;
  };
  const span = (text, testid) => {
    const s = document.createElement('span');
    s.textContent = text;
    s.dataset.testid = testid;
    return s;
  };
  const signIn = () => begin().catch((error) => {
    failure = `Signing in could not start: ${error.message}`;
    show();
  });
  if (tokens) {
    const { name, username, tenant } = tokens.user;
    const who = name && username ? `${name} (${username})` : name ?? username ?? 'an unnamed user';
    bar.dataset.testid = 'signed-in';
    bar.removeAttribute('role');
    bar.replaceChildren('Signed in as ', span(who, 'signed-in-user'), span(tenant ? ` · tenant ${tenant}` : '', 'signed-in-tenant'), ' ',
      button('Sign out', 'sign-out', () => {
        forget();
        location.reload();
      }));
  } else {
    bar.dataset.testid = failure ? 'sign-in-error' : 'signed-out';
    if (failure) bar.setAttribute('role', 'alert');
    bar.replaceChildren(failure || 'Not signed in.', ' ');
    if (setup) bar.append(button(setup.auth.provider === 'microsoft' ? 'Sign in with Microsoft' : 'Sign in', 'sign-in', signIn));
  }
}

/**
 * GETs `urls` with the user's token: `{ text }`, or `{ kind, url, … }` saying why not. With
 * `graph`, each URL is a collection followed through `@odata.nextLink` (on its own origin only,
 * since the token goes with it) to its last page, and the text is every page's items in one
 * array. A token refused with 401 is renewed once; requests with a token never follow redirects.
 */
export async function sign_in_read(urls, graph) {
  if (!setup) return { kind: 'sign-in', url: urls[0], message: failure || 'the configuration has no auth section to sign in with' };
  let token = await accessToken();
  if (!token) return { kind: 'sign-in', url: urls[0], message: failure || 'nobody is signed in' };
  const items = [];
  let renewed = false;
  for (const first of urls) {
    let next = first;
    for (let pages = 1; next; pages++) {
      if (pages > MAX_PAGES) return { kind: 'not-allowed', url: first, message: `more than ${MAX_PAGES} pages` };
      let response;
      try {
        response = await fetch(next, { headers: { Authorization: `Bearer ${token}` }, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (error) {
        return { kind: 'network', url: next, message: error.message };
      }
      if (response.status === 401 && !renewed) {
        renewed = true;
        token = await renew();
        if (token) continue;
      }
      if (!response.ok) return refusal(response, next);
      const text = await response.text();
      if (!graph) return { text };
      let page;
      try {
        page = JSON.parse(text);
      } catch {
        return { text };
      }
      if (!Array.isArray(page?.value)) return { text };
      items.push(...page.value);
      next = page['@odata.nextLink'];
      if (next && originOf(next) !== originOf(first)) {
        return { kind: 'not-allowed', url: next, message: `the next page is on another origin; it is not asked, so the token stays with ${originOf(first)}` };
      }
    }
  }
  return { text: JSON.stringify(items) };
}

/** What a refusal means: sign in again (401), a permission or a licence (403), a wait (429). */
async function refusal(response, url) {
  const status = response.status;
  const said = (await response.json().catch(() => ({})))?.error ?? {};
  const message = said.message ? `${said.message} (${said.code ?? ''})` : response.statusText;
  const common = { url, status, status_text: response.statusText, message };
  if ([400, 403, 404].includes(status) && /licen/i.test(`${said.code} ${said.message}`)) return { ...common, kind: 'licence' };
  if (status === 401) return { ...common, kind: 'sign-in', message: failure || `the token was refused: ${message}` };
  if (status === 403) {
    const consent = setup.auth.provider === 'microsoft' ? `${MICROSOFT}/${setup.auth.tenant}/adminconsent?client_id=${encodeURIComponent(setup.auth.client_id)}` : null;
    // On Graph, the permission of the collection refused (as the config spells it, if it asks it
    // at all); elsewhere, everything the config asks.
    const graph = /\/serviceAnnouncement\/(messages)?/i.exec(url);
    const needed = graph && (graph[1] ? 'ServiceMessage.Read.All' : 'ServiceHealth.Read.All');
    const permission = needed ? (setup.scopes.find((s) => s.endsWith(needed)) ?? needed) : setup.permission;
    return { ...common, kind: 'forbidden', permission, consent_url: consent };
  }
  if (status === 429) return { ...common, kind: 'throttled', retry_after: Number.parseInt(response.headers.get('retry-after') ?? '', 10) };
  return { ...common, kind: 'http' };
}
