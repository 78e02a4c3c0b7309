#!/usr/bin/env node
// The strict Content-Security-Policy of a release build (`make build` runs it after Trunk and the
// glue's minification):
//
//   node scripts/csp.mjs [DIST]   (default dist)
//
// - Trunk's inline loader (`<script type=module>import init … </script>`) becomes a file,
//   `loader-<hash>.js`, loaded with a Subresource Integrity hash: the policy allows no inline
//   script.
// - `index.html` gets the policy as its first `<meta http-equiv=Content-Security-Policy>`, with
//   the origins and folders that DIST/config.json allows (`allow_origins`, `allow_url_prefixes`)
//   and the origin its `auth` signs in at in `connect-src`, and the origin of its `logo_url`, when
//   it is on another site, in `img-src`.
//
// `policyFor(config)` is the policy itself; the end-to-end tests build the page's policy for the
// configs they serve with it.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** `scheme://host[:port]` of an absolute http(s) URL, else null. */
function originOf(url) {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * An `allow_url_prefixes` folder as a `connect-src` source (`https://host/folder/`: a path ending
 * in `/` matches the files under it), else null. The page checks the folder itself, redirects
 * included; the policy is the browser's second line.
 */
function folderOf(url) {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`;
    const plain = /^https?:$/.test(parsed.protocol) && !parsed.search && !parsed.hash && !/[;,*'"]/.test(path);
    return plain && path !== '/' ? parsed.origin + path : null;
  } catch {
    return null;
  }
}

/**
 * The origin the page signs in at (its token endpoint, and an OpenID provider's discovery
 * document), from the config's `auth`: Microsoft's identity platform, or the issuer's origin.
 */
function signInOrigin(auth) {
  if (auth?.provider === 'microsoft') return 'https://login.microsoftonline.com';
  if (auth?.provider === 'openid') return originOf(auth.issuer ?? '');
  return null;
}

/** The policy for a page whose config is `config` (an object, or null without one). */
export function policyFor(config) {
  const allowed = [
    ...[...(config?.allow_origins ?? []), signInOrigin(config?.auth)].map((o) => o && originOf(o)),
    ...(config?.allow_url_prefixes ?? []).map((p) => (typeof p === 'string' ? folderOf(p) : null)),
  ].filter(Boolean);
  const logo = config?.logo_url ? originOf(config.logo_url) : null;
  const list = (...items) => [...new Set(items.filter(Boolean))].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `img-src ${list("'self'", 'data:', 'blob:', logo)}`,
    `connect-src ${list("'self'", ...allowed)}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

/** `html` with its inline module script moved to `loader-<hash>.js` in `dist`, and the policy. */
export function applyPolicy(html, dist, config) {
  const inline = html.match(/<script type=("?)module\1>([\s\S]*?)<\/script>/);
  if (!inline) throw new Error('index.html has no inline module script (Trunk\'s loader) to move');
  const loader = inline[2];
  const name = `loader-${createHash('sha256').update(loader).digest('hex').slice(0, 16)}.js`;
  writeFileSync(path.join(dist, name), loader);
  let out = html.replace(inline[0], `<script type=module src=./${name} integrity=${sri(loader)}></script>`);
  if (/http-equiv=("?)Content-Security-Policy/i.test(out)) throw new Error('index.html already has a policy');
  const meta = `<meta http-equiv=Content-Security-Policy content="${policyFor(config)}">`;
  const charset = out.match(/<meta charset=("?)utf-8\1>/i);
  if (!charset) throw new Error('index.html has no <meta charset=utf-8> to put the policy after');
  out = out.replace(charset[0], `${charset[0]}${meta}`);
  return out;
}

function main() {
  const dist = process.argv[2] || 'dist';
  const indexFile = path.join(dist, 'index.html');
  const configFile = path.join(dist, 'config.json');
  const config = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : null;
  writeFileSync(indexFile, applyPolicy(readFileSync(indexFile, 'utf8'), dist, config));
  console.log(`csp: ${indexFile}: ${policyFor(config)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`csp: ${error.message}`);
    process.exit(1);
  }
}
