#!/usr/bin/env node
// Dependency-free static file server for the built dashboard.
//
//   node scripts/serve.mjs --root dist --base /nines/ --port 8080 --host 127.0.0.1 [--isolate]
//
// Serves <root> under <base> (as GitHub Pages does for a project site):
//   <base>            -> <root>/index.html
//   <base>x.wasm      -> <root>/x.wasm
//   <base minus '/'>  -> 301 to <base>
//   anything else     -> 404
// Every response carries Cache-Control: no-cache. With --isolate, every response also carries
// Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp and
// Cross-Origin-Resource-Policy: same-origin, so pages are cross-origin isolated (for one,
// performance.now() is not coarsened to 0.1 ms). Paths that would leave
// <root> (.., encoded slashes, NUL bytes, symlinks pointing outside) are
// rejected. Used by Playwright's webServer and by `make serve`.

import { createServer } from 'node:http';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const USAGE =
  'usage: node scripts/serve.mjs [--root DIR] [--base /PATH/] [--port N] [--host ADDR] [--isolate]';

function parseArgs(argv) {
  const opts = { root: 'dist', base: '/', port: 8080, host: '127.0.0.1', isolate: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) fail(`missing value for ${arg}`);
      return argv[++i];
    };
    switch (arg) {
      case '--root': opts.root = next(); break;
      case '--base': opts.base = next(); break;
      case '--port': opts.port = next(); break;
      case '--host': opts.host = next(); break;
      case '--isolate':
        if (value !== undefined) fail('--isolate takes no value');
        opts.isolate = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown argument: ${arg}`);
    }
  }
  const port = String(opts.port);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) fail(`invalid --port: ${port}`);
  opts.port = Number(port);
  // Normalise the base to "/segment/.../" (always leading and trailing slash).
  let base = opts.base.trim();
  if (!base.startsWith('/')) base = '/' + base;
  if (!base.endsWith('/')) base += '/';
  base = base.replace(/\/{2,}/g, '/');
  opts.base = base;
  opts.rootArg = opts.root;
  opts.root = path.resolve(opts.root);
  return opts;
}

function fail(msg) {
  console.error(`serve.mjs: ${msg}\n${USAGE}`);
  process.exit(2);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

function mimeFor(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isInside(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const opts = parseArgs(process.argv.slice(2));
const baseNoSlash = opts.base.slice(0, -1); // "" when base is "/"

let realRoot;
try {
  const st = await fsp.stat(opts.root);
  if (!st.isDirectory()) fail(`--root is not a directory: ${opts.root}`);
  realRoot = await fsp.realpath(opts.root);
} catch (err) {
  fail(`cannot use --root ${opts.rootArg}: ${err.code || err.message}${err.code === "ENOENT" ? " (build it first, e.g. make build)" : ""}`);
}

// Added to every response with --isolate; empty without it.
const ISOLATION_HEADERS = opts.isolate
  ? {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    }
  : {};

function send(res, req, status, body, headers = {}) {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': buf.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...ISOLATION_HEADERS,
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

// Resolve a request path to a file under realRoot.
// Returns { file, size }, { redirect }, or { status } for a refusal.
async function resolveFile(pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(opts.base.length));
  } catch {
    return { status: 400 }; // malformed percent-encoding
  }
  if (rel.includes('\0') || rel.includes('\\')) return { status: 403 };
  if (rel.split('/').some((s) => s === '..' || s === '.')) return { status: 403 };
  let file = path.resolve(realRoot, rel);
  if (!isInside(realRoot, file)) return { status: 403 };
  let st;
  try {
    st = await fsp.stat(file);
    if (st.isDirectory()) {
      // Relative asset URLs only work from "dir/", so redirect "dir" there.
      if (rel !== '' && !rel.endsWith('/')) return { redirect: pathname + '/' };
      file = path.join(file, 'index.html');
      st = await fsp.stat(file);
    }
  } catch {
    return { status: 404 };
  }
  if (!st.isFile()) return { status: 404 };
  // Refuse symlinks that lead outside the root.
  const real = await fsp.realpath(file).catch(() => null);
  if (!real) return { status: 404 };
  if (!isInside(realRoot, real)) return { status: 403 };
  return { file: real, size: st.size };
}

const STATUS_TEXT = { 400: 'bad request\n', 403: 'forbidden\n', 404: 'not found\n' };

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, req, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const rawPath = (req.url || '/').split('?')[0].split('#')[0];
    const query = (req.url || '').includes('?') ? req.url.slice(req.url.indexOf('?')) : '';

    if (baseNoSlash !== '' && rawPath === baseNoSlash) {
      send(res, req, 301, `moved to ${opts.base}\n`, { Location: opts.base + query });
      return;
    }
    if (!rawPath.startsWith(opts.base)) {
      send(res, req, 404, 'not found\n');
      return;
    }
    const hit = await resolveFile(rawPath);
    if (hit.redirect) {
      send(res, req, 301, `moved to ${hit.redirect}\n`, { Location: hit.redirect + query });
      return;
    }
    if (hit.status) {
      send(res, req, hit.status, STATUS_TEXT[hit.status]);
      return;
    }
    res.writeHead(200, {
      'Content-Type': mimeFor(hit.file),
      'Content-Length': hit.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...ISOLATION_HEADERS,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(hit.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  } catch (err) {
    if (!res.headersSent) send(res, req, 500, 'internal error\n');
    else res.destroy();
    console.error(`serve.mjs: ${req.method} ${req.url}: ${err.message}`);
  }
});

server.on('error', (err) => {
  console.error(`serve.mjs: ${err.code === 'EADDRINUSE' ? `port ${opts.port} is already in use on ${opts.host}` : err.message}`);
  process.exit(1);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => process.exit(0));
}

server.listen(opts.port, opts.host, () => {
  const { port } = server.address();
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  console.log(`serving ${opts.rootArg} at http://${hostForUrl}:${port}${opts.base}`);
});
