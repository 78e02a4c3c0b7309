#!/usr/bin/env node
// Minifies the JavaScript of a release build in place (`make build` runs it after Trunk): the
// wasm-bindgen glue, which it writes with comments and long names, and the page's own modules that
// the glue imports (`snippets/`), which Trunk copies as written. The page's `index.html` preloads
// each with a Subresource Integrity hash, which is written again for the new content. Exports,
// `import.meta` and the module format stay as they are (esbuild, ESM).
//
//   node scripts/minify-glue.mjs [DIST]   (default dist)

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { transformSync } from 'esbuild';

const dist = process.argv[2] || 'dist';
const glue = readdirSync(dist).filter((f) => /^nines-web-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) {
  console.error(`minify-glue: expected one nines-web-<hash>.js in ${dist}, found ${glue.length}`);
  process.exit(1);
}
const snippets = readdirSync(dist, { recursive: true })
  .filter((f) => f.startsWith(`snippets${path.sep}`) && f.endsWith('.js'))
  .map((f) => f.split(path.sep).join('/'));

const indexFile = path.join(dist, 'index.html');
let html = readFileSync(indexFile, 'utf8');
for (const name of [glue[0], ...snippets]) {
  const file = path.join(dist, name);
  const before = readFileSync(file, 'utf8');
  const { code } = transformSync(before, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  writeFileSync(file, code);
  // The integrity of its <link rel=modulepreload>: sha384 of the bytes now served. The glue must
  // have one; a snippet has one when Trunk preloads it.
  const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  const link = new RegExp(`(<link[^>]*href=\\.?/?${name.replace(/[.]/g, '\\.')}[^>]*>)`);
  const match = html.match(link);
  if (match && /integrity=/.test(match[1])) {
    html = html.replace(match[1], match[1].replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity=$1${integrity}$1`));
  } else if (name === glue[0]) {
    console.error(`minify-glue: ${indexFile} has no <link> with an integrity for ${name}`);
    process.exit(1);
  }
  console.log(`minify-glue: ${name} ${before.length} → ${code.length} bytes`);
}
writeFileSync(indexFile, html);
