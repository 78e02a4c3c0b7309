#!/usr/bin/env node
// Minifies the JavaScript glue of a release build in place (`make build` runs it after Trunk):
// wasm-bindgen writes it with comments and long names, and Trunk leaves it so. The page's
// `index.html` preloads the glue with a Subresource Integrity hash, which is written again for the
// new content. Exports, `import.meta` and the module format stay as they are (esbuild, ESM).
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
const file = path.join(dist, glue[0]);
const before = readFileSync(file, 'utf8');
const { code } = transformSync(before, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
writeFileSync(file, code);

// The integrity of the glue's <link rel=modulepreload>: sha384 of the bytes now served.
const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
const indexFile = path.join(dist, 'index.html');
const html = readFileSync(indexFile, 'utf8');
const link = new RegExp(`(<link[^>]*href=\\.?/?${glue[0].replace('.', '\\.')}[^>]*>)`);
const match = html.match(link);
if (!match || !/integrity=/.test(match[1])) {
  console.error(`minify-glue: ${indexFile} has no <link> with an integrity for ${glue[0]}`);
  process.exit(1);
}
const rewritten = match[1].replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity=$1${integrity}$1`);
writeFileSync(indexFile, html.replace(match[1], rewritten));
console.log(`minify-glue: ${glue[0]} ${before.length} → ${code.length} bytes`);
