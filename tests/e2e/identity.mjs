// A loopback identity for the sign-in end-to-end tests: a real OpenID provider (the npm package
// oidc-provider, not a mock) and a stand-in for Microsoft Graph's service-health API that only
// answers requests carrying an access token that provider issued.
//
//   const id = await startIdentity({ clientId, redirectUris: [pageUrl], allowOrigin, overviews, issues });
//   // the page sends the browser to `${id.issuer}/auth?...` (code + PKCE S256, no client secret)
//   await signInAt(page, 'avery');       // dev login form, then consent: back at the page
//   // the page posts the code to `${id.issuer}/token`, then calls `${id.graphBase}/admin/...`
//   await id.close();
//
// Both servers listen on 127.0.0.1, on ephemeral ports. Nothing here reaches the network.
import http from 'node:http';
import Provider, { errors as oidcErrors } from 'oidc-provider';
import { SignJWT, createLocalJWKSet, errors as joseErrors, exportJWK, generateKeyPair, jwtVerify } from 'jose';

/** The resource indicator (RFC 8707) of the Graph stand-in, and the `aud` of its access tokens. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** The delegated permission service health needs. */
export const GRAPH_SCOPE = 'ServiceHealth.Read.All';
/** The delegated permission message-center posts need. */
export const MESSAGE_SCOPE = 'ServiceMessage.Read.All';
/** The tenant every account belongs to (the `tid` claim). */
export const TENANT_ID = 'contoso-tenant-0001';

const GRAPH_PATHS = {
  '/v1.0/admin/serviceannouncement/healthoverviews': 'healthOverviews',
  '/v1.0/admin/serviceannouncement/issues': 'issues',
  '/v1.0/admin/serviceannouncement/messages': 'messages',
};
/** The permission each collection needs, as Graph documents it. */
const NEEDS = { healthOverviews: GRAPH_SCOPE, issues: GRAPH_SCOPE, messages: MESSAGE_SCOPE };
const ODATA_CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#admin/serviceAnnouncement/';

/** `avery` → `Avery Admin`; `jo.doe` → `Jo Doe Admin`. */
export function displayNameFor(accountId) {
  const words = String(accountId).split(/[._\-\s]+/).filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${words.join(' ') || 'Someone'} Admin`;
}

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * A storage adapter private to one provider (the package's own in-memory adapter keeps one store
 * for the whole process, shared by every provider started in it).
 */
function memoryAdapterClass() {
  const store = new Map(); // key → { payload, expiresAt }
  const grants = new Map(); // grantId → keys
  const uids = new Map(); // session uid → id
  const userCodes = new Map(); // user code → id
  const live = (key) => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return class LoopbackAdapter {
    constructor(model) {
      this.model = model;
    }

    key(id) {
      return `${this.model}:${id}`;
    }

    async upsert(id, payload, expiresIn) {
      const key = this.key(id);
      store.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
      if (this.model === 'Session' && payload.uid) uids.set(payload.uid, id);
      if (payload.userCode) userCodes.set(payload.userCode, id);
      if (payload.grantId && ['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest'].includes(this.model)) {
        if (!grants.has(payload.grantId)) grants.set(payload.grantId, new Set());
        grants.get(payload.grantId).add(key);
      }
    }

    async find(id) {
      return live(this.key(id));
    }

    async findByUid(uid) {
      const id = uids.get(uid);
      return id === undefined ? undefined : this.find(id);
    }

    async findByUserCode(userCode) {
      const id = userCodes.get(userCode);
      return id === undefined ? undefined : this.find(id);
    }

    async consume(id) {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id) {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId) {
      for (const key of grants.get(grantId) ?? []) store.delete(key);
      grants.delete(grantId);
    }
  };
}

const html = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Starts the provider and the Graph stand-in.
 *
 * @param {object} options
 * @param {string} options.clientId            the single-page app's client_id (a public client)
 * @param {string[]} options.redirectUris      exact redirect URIs, e.g. `http://127.0.0.1:4173/nines/`
 * @param {string} [options.allowOrigin]       the page's origin, for CORS on /token and on Graph
 *                                             (default: the origins of redirectUris; Graph: `*`)
 * @param {number} [options.accessTokenTtlS]   access token lifetime, seconds (default 3600)
 * @param {number} [options.pageSize]          Graph items per page (default 1)
 * @param {object[]} [options.overviews]       serviceHealth objects with `issues` expanded
 * @param {object[]} [options.issues]          serviceHealthIssue objects
 * @param {object[]} [options.messages]        serviceUpdateMessage objects (message-center posts)
 * @param {string} [options.tenantId]          the `tid` claim (default `contoso-tenant-0001`)
 */
export async function startIdentity(options = {}) {
  const {
    clientId,
    redirectUris,
    allowOrigin,
    accessTokenTtlS = 3600,
    pageSize = 1,
    tenantId = TENANT_ID,
  } = options;
  if (typeof clientId !== 'string' || !clientId) throw new TypeError('startIdentity: clientId must be a non-empty string');
  if (!Array.isArray(redirectUris) || redirectUris.length === 0) throw new TypeError('startIdentity: redirectUris must be a non-empty array');
  if (!Number.isInteger(accessTokenTtlS) || accessTokenTtlS < 1) throw new TypeError('startIdentity: accessTokenTtlS must be a positive integer');
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new TypeError('startIdentity: pageSize must be a positive integer');

  const corsOrigins = new Set(allowOrigin ? [allowOrigin] : redirectUris.map((u) => new URL(u).origin));
  const graphAllowOrigin = allowOrigin || '*';

  // Signing key, made fresh for each start. The provider signs ID tokens and JWT access tokens
  // with it; the Graph stand-in verifies against its public half.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: 'e2e-rs256', alg: 'RS256', use: 'sig' };
  const { d, p, q, dp, dq, qi, ...publicJwk } = privateJwk;
  const publicJwks = { keys: [publicJwk] };

  // The provider's server listens first, so that the issuer (which carries the port) is known
  // before the Provider is made; requests are handed to it once it exists.
  let providerCallback = (req, res) => { res.statusCode = 503; res.end(); };
  const providerServer = await listen((req, res) => providerCallback(req, res));
  const issuer = `http://127.0.0.1:${providerServer.address().port}`;

  // Graph stand-in state.
  const data = {
    overviews: structuredClone(options.overviews ?? []),
    issues: structuredClone(options.issues ?? []),
    messages: structuredClone(options.messages ?? []),
  };
  const canned = [];
  const graphRequests = [];
  const tokenRequests = [];
  /** code_challenge values of authorization requests that asked for offline_access. */
  const offlineChallenges = new Set();

  const provider = new Provider(issuer, {
    adapter: memoryAdapterClass(),
    clients: [{
      client_id: clientId,
      application_type: 'web', // web, not native: redirect URIs match exactly, http is allowed for code flow
      token_endpoint_auth_method: 'none', // public client: no secret, PKCE instead
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: redirectUris,
      post_logout_redirect_uris: redirectUris,
      scope: 'openid profile offline_access',
    }],
    scopes: ['openid', 'profile', 'offline_access'],
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      iss: null,
      openid: ['sub', 'tid'],
      profile: ['name', 'preferred_username'],
    },
    // name, preferred_username and tid go into the ID token itself, not only to /me.
    conformIdTokenClaims: false,
    async findAccount(ctx, id) {
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            name: displayNameFor(id),
            preferred_username: `${id}@contoso.example`,
            tid: tenantId,
          };
        },
      };
    },
    jwks: { keys: [privateJwk] },
    cookies: {
      keys: ['nines-e2e-cookie-key-1', 'nines-e2e-cookie-key-0'],
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    pkce: {
      methods: ['S256'],
      required: () => true,
    },
    clientBasedCORS(ctx, origin, client) {
      return client.clientId === clientId && corsOrigins.has(origin);
    },
    // oidc-provider keeps offline_access only when the request also says prompt=consent, so a
    // plain sign-in would get no refresh token. Issue one whenever the authorization request
    // asked for offline_access (remembered by its code_challenge, see the middleware below).
    async issueRefreshToken(ctx, client, code) {
      if (!client.grantTypeAllowed('refresh_token')) return false;
      return code.scopes.has('offline_access')
        || (code.codeChallenge !== undefined && offlineChallenges.has(code.codeChallenge));
    },
    async expiresWithSession() {
      return false;
    },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        async defaultResource(ctx, client, oneOf) {
          if (oneOf) return oneOf.includes(GRAPH_RESOURCE) ? GRAPH_RESOURCE : oneOf[0];
          return GRAPH_RESOURCE;
        },
        async useGrantedResource() {
          return true;
        },
        async getResourceServerInfo(ctx, resourceIndicator) {
          if (resourceIndicator !== GRAPH_RESOURCE) throw new oidcErrors.InvalidTarget();
          return {
            // Both spellings: `ServiceHealth.Read.All`, and Entra's `https://graph.microsoft.com/ServiceHealth.Read.All`.
            scope: [GRAPH_SCOPE, MESSAGE_SCOPE].flatMap((s) => [s, `${GRAPH_RESOURCE}/${s}`]).join(' '),
            audience: GRAPH_RESOURCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: accessTokenTtlS,
          };
        },
      },
    },
    ttl: {
      AccessToken: (ctx, token) => token.resourceServer?.accessTokenTTL || accessTokenTtlS,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
      RefreshToken(ctx, token, client) {
        // As the default: a rotated SPA refresh token keeps the first one's expiry.
        if (ctx?.oidc?.entities.RotatedRefreshToken && client.applicationType === 'web'
          && client.clientAuthMethod === 'none' && !token.isSenderConstrained()) {
          return ctx.oidc.entities.RotatedRefreshToken.remainingTTL;
        }
        return 14 * 24 * 3600;
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>oops! something went wrong</title></head>`
        + `<body><h1>oops! something went wrong</h1>${Object.entries(out)
          .map(([k, v]) => `<pre><strong>${html(k)}</strong>: ${html(v)}</pre>`).join('')}</body></html>`;
    },
  });

  const tokenPath = new URL(provider.urlFor('token')).pathname;
  const authPath = new URL(provider.urlFor('authorization')).pathname;
  provider.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === authPath) {
      const scope = String(ctx.query.scope ?? '');
      const challenge = ctx.query.code_challenge;
      if (typeof challenge === 'string' && scope.split(' ').includes('offline_access')) {
        offlineChallenges.add(challenge);
      }
    }
    await next();
    if (ctx.method === 'POST' && ctx.path === tokenPath) {
      const body = ctx.oidc?.body ?? {};
      tokenRequests.push({
        grant_type: body.grant_type ?? null,
        has_code_verifier: typeof body.code_verifier === 'string' && body.code_verifier.length > 0,
        status: ctx.status,
        error: ctx.status >= 400 ? ctx.body?.error ?? null : null,
        origin: ctx.get('Origin') || null,
        at_ms: Date.now(),
      });
    }
  });
  providerCallback = provider.callback();

  // ---------------------------------------------------------------- the Graph stand-in
  const localJwks = createLocalJWKSet(publicJwks);

  /** The request's access token checked for Graph: signature, issuer, audience, `needs` in its scopes. */
  async function authenticate(req, needs) {
    const header = req.headers.authorization;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) {
      return { ok: false, status: 401, code: 'InvalidAuthenticationToken', message: 'Access token is empty.' };
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], localJwks, {
        issuer,
        audience: GRAPH_RESOURCE,
        algorithms: ['RS256'],
      }));
    } catch (err) {
      let message;
      if (err instanceof joseErrors.JWTExpired) {
        message = 'Lifetime validation failed, the token is expired.';
      } else if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'aud') {
        message = 'Access token validation failure. Invalid audience.';
      } else if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'iss') {
        message = 'Access token validation failure. Invalid issuer.';
      } else if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey) {
        message = 'Access token validation failure. Invalid signature.';
      } else {
        message = `IDX14100: JWT is not well formed. ${err.message}`;
      }
      return { ok: false, status: 401, code: 'InvalidAuthenticationToken', message };
    }
    const scopes = new Set(String(payload.scp ?? payload.scope ?? '').split(' ')
      .map((s) => (s.startsWith(`${GRAPH_RESOURCE}/`) ? s.slice(GRAPH_RESOURCE.length + 1) : s)));
    if (!scopes.has(needs)) {
      // What Graph says to a valid token without the permission.
      return { ok: false, status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
    }
    return { ok: true, payload };
  }

  const graphServer = await listen((req, res) => {
    handleGraph(req, res).catch((err) => {
      if (!res.headersSent) {
        sendJson(res, 500, {}, { error: { code: 'generalException', message: String(err?.message ?? err) } });
      } else {
        res.destroy();
      }
    });
  });
  const graphOrigin = `http://127.0.0.1:${graphServer.address().port}`;
  const graphBase = `${graphOrigin}/v1.0`;

  function corsHeaders() {
    return {
      'Access-Control-Allow-Origin': graphAllowOrigin,
      'Access-Control-Expose-Headers': 'Retry-After',
      Vary: 'Origin',
    };
  }

  function sendJson(res, status, headers, body) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const out = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...corsHeaders() };
    for (const [k, v] of Object.entries(headers ?? {})) {
      for (const existing of Object.keys(out)) if (existing.toLowerCase() === k.toLowerCase()) delete out[existing];
      out[k] = v;
    }
    res.writeHead(status, out);
    res.end(text);
  }

  const graphError = (code, message) => ({
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': 'e2e', 'client-request-id': 'e2e' },
    },
  });

  /**
   * `service eq 'Exchange Online'` (health) or `services/any(s:s eq 'Exchange Online')` (posts)
   * → `Exchange Online`; anything else → undefined.
   */
  function parseServiceFilter(filter, posts) {
    const m = posts
      ? /^\s*services\/any\((\w+):\1\s+eq\s+'((?:[^']|'')*)'\)\s*$/.exec(filter)
      : /^\s*service\s+eq\s+()'((?:[^']|'')*)'\s*$/.exec(filter);
    return m ? m[2].replace(/''/g, "'") : undefined;
  }

  async function handleGraph(req, res) {
    const url = new URL(req.url, graphOrigin);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...corsHeaders(),
        'Access-Control-Allow-Methods': 'GET, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, ConsistencyLevel',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    const collection = GRAPH_PATHS[url.pathname.toLowerCase()];
    const auth = await authenticate(req, NEEDS[collection] ?? GRAPH_SCOPE);
    const record = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      search: url.search,
      at_ms: Date.now(),
      authorized: auth.ok,
      status: 0,
    };
    graphRequests.push(record);
    const reply = (status, headers, body) => {
      record.status = status;
      sendJson(res, status, headers, body);
    };

    if (canned.length > 0) {
      const next = canned.shift();
      reply(next.status, next.headers, next.body);
      return;
    }
    if (!auth.ok) {
      reply(auth.status, auth.status === 401 ? { 'WWW-Authenticate': `Bearer realm="", error="invalid_token", authorization_uri="${issuer}/auth"` } : {},
        graphError(auth.code, auth.message));
      return;
    }
    if (req.method !== 'GET') {
      reply(405, { Allow: 'GET, OPTIONS' }, graphError('Request_BadRequest', `The HTTP method '${req.method}' is not allowed.`));
      return;
    }
    if (!collection) {
      reply(404, {}, graphError('ResourceNotFound', `Resource not found for the segment '${url.pathname.split('/').pop()}'.`));
      return;
    }

    let items = { healthOverviews: data.overviews, issues: data.issues, messages: data.messages }[collection];
    const filter = url.searchParams.get('$filter');
    if (filter !== null) {
      const service = parseServiceFilter(filter, collection === 'messages');
      if (service === undefined) {
        reply(400, {}, graphError('BadRequest', `Invalid filter clause: ${filter}`));
        return;
      }
      items = items.filter((item) => (collection === 'messages' ? item.services.includes(service) : item.service === service));
    }
    if (collection === 'healthOverviews') {
      const expand = (url.searchParams.get('$expand') ?? '').split(',').map((s) => s.trim().toLowerCase());
      if (!expand.includes('issues')) items = items.map(({ issues, ...rest }) => rest);
    }
    const tokenParam = url.searchParams.get('$skiptoken');
    const skip = tokenParam === null ? 0 : Number(tokenParam);
    if (!Number.isInteger(skip) || skip < 0) {
      reply(400, {}, graphError('BadRequest', `Invalid $skiptoken: ${tokenParam}`));
      return;
    }
    const body = {
      '@odata.context': `${ODATA_CONTEXT}${collection}`,
      value: items.slice(skip, skip + pageSize),
    };
    if (skip + pageSize < items.length) {
      const params = [...url.searchParams].filter(([k]) => k !== '$skiptoken');
      params.push(['$skiptoken', String(skip + pageSize)]);
      const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      body['@odata.nextLink'] = `${graphBase}/admin/serviceAnnouncement/${collection}?${query}`;
    }
    reply(200, {}, body);
  }

  return {
    issuer,
    authorizationEndpoint: provider.urlFor('authorization'),
    tokenEndpoint: provider.urlFor('token'),
    graphBase,
    graphResource: GRAPH_RESOURCE,
    clientId,
    provider,
    /** One entry per POST to the token endpoint. */
    tokenRequests,
    graph: {
      /** One entry per non-OPTIONS request, in order. */
      requests: graphRequests,
      /** Queue a canned answer for the next request (FIFO); a body object is sent as JSON. */
      failNext(status, headers = {}, body = '') {
        canned.push({ status, headers, body });
      },
      clearFailures() {
        canned.length = 0;
      },
      /** Replace what the collections hold; a key left out keeps its data. */
      setData({ overviews, issues, messages } = {}) {
        if (overviews !== undefined) data.overviews = structuredClone(overviews);
        if (issues !== undefined) data.issues = structuredClone(issues);
        if (messages !== undefined) data.messages = structuredClone(messages);
      },
    },
    /**
     * Signs an access token with the provider's own key, for negative tests (wrong audience,
     * expired, no scope). Defaults make a valid Graph token for `avery`.
     */
    async signAccessToken(claims = {}, { expiresInS = accessTokenTtlS } = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: issuer,
        aud: GRAPH_RESOURCE,
        sub: 'avery',
        client_id: clientId,
        scope: GRAPH_SCOPE,
        iat: now,
        exp: now + expiresInS,
        jti: `e2e-${now}-${Math.random().toString(36).slice(2)}`,
        ...claims,
      }).setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'at+jwt' }).sign(privateKey);
    },
    async close() {
      await Promise.all([closeServer(providerServer), closeServer(graphServer)]);
    },
  };
}

/**
 * Given a page at (or on its way to) the provider's dev login form, or its consent page, signs in
 * as `login` (any id; the password field gets a dummy value), approves consent if asked, and
 * resolves once the browser has left the provider: back at the redirect URI, committed, not
 * necessarily loaded. Throws if it is stuck at a provider error page.
 *
 * @param {import('@playwright/test').Page} page
 * @param {string} login   any account id, e.g. `avery`
 * @param {{ timeout?: number }} [options]  per step, milliseconds (default 15000)
 */
export async function signInAt(page, login, { timeout = 15_000 } = {}) {
  const loginInput = page.locator('input[name="login"]');
  const consentButton = page.locator('form:has(input[name="prompt"][value="consent"]) button[type="submit"]');

  // Wait for the provider's page first: the page may still be on its way there.
  await loginInput.or(consentButton).first().waitFor({ state: 'visible', timeout });
  const issuerOrigin = new URL(page.url()).origin;
  const atProvider = (url) => url.origin === issuerOrigin;
  if (await loginInput.isVisible()) {
    const loginUrl = page.url();
    await loginInput.fill(login);
    await page.locator('input[name="password"]').fill('e2e-password');
    await Promise.all([
      page.waitForURL((url) => url.href !== loginUrl, { waitUntil: 'commit', timeout }),
      page.locator('form:has(input[name="prompt"][value="login"]) button[type="submit"]').click(),
    ]);
  }
  if (!atProvider(new URL(page.url()))) return;

  if (new URL(page.url()).pathname.startsWith('/interaction/')) {
    await consentButton.waitFor({ state: 'visible', timeout });
    await Promise.all([
      page.waitForURL((url) => !atProvider(url), { waitUntil: 'commit', timeout }),
      consentButton.click(),
    ]);
    return;
  }
  // Still at the provider but not at an interaction: an error page, most likely.
  await page.waitForURL((url) => !atProvider(url), { waitUntil: 'commit', timeout: 2_000 }).catch(async () => {
    const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 500);
    throw new Error(`signInAt: stuck at ${page.url()}: ${text}`);
  });
}
