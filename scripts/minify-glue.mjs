#!/usr/bin/env node
// Minifies the JavaScript of a release build in place (`make build` runs it after Trunk): the
// wasm-bindgen glue, which it writes with comments and long names, and the page's own modules that
// the glue imports (`snippets/`), which Trunk copies as written. The page's `index.html` preloads
// each with a Subresource Integrity hash, which is written again for the new content. Exports,
// `import.meta` and the module format stay as they are (esbuild, ESM).
//
// First, the functions the wasm module imports from the glue get short names (`_a`, `_b`, …) in
// both files: wasm-bindgen names each `__wbg_<name>_<16 hex digits>`, a hash that no compressor
// can shrink, written once in the wasm and once in the glue (about 6 KB of brotli for 264
// imports). The module names and the imports from the page's own modules stay as they are.
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
html = setIntegrity(html, shortenImports(glue[0]), `${glue[0].replace(/\.js$/, '')}_bg.wasm`);
for (const name of [glue[0], ...snippets]) {
  const file = path.join(dist, name);
  const before = readFileSync(file, 'utf8');
  const { code } = transformSync(before, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  writeFileSync(file, code);
  // The glue must have a <link rel=modulepreload> with an integrity; a snippet has one when Trunk
  // preloads it.
  html = setIntegrity(html, code, name, name === glue[0]);
  console.log(`minify-glue: ${name} ${before.length} → ${code.length} bytes`);
}
writeFileSync(indexFile, html);

/**
 * `html` with the integrity of the <link> to `name` set to the sha384 of `bytes`, the bytes now
 * served; a link without one is an error when `required`.
 */
function setIntegrity(html, bytes, name, required = true) {
  const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  const link = new RegExp(`(<link[^>]*href=\\.?/?${name.replace(/[.]/g, '\\.')}[^>]*>)`);
  const match = html.match(link);
  if (match && /integrity=/.test(match[1])) {
    return html.replace(match[1], match[1].replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity=$1${integrity}$1`));
  }
  if (required) {
    console.error(`minify-glue: ${indexFile} has no <link> with an integrity for ${name}`);
    process.exit(1);
  }
  return html;
}

/**
 * Gives the imports of `<glue>_bg.wasm` from the glue (module `./<stem>_bg.js`) short names, in
 * the wasm's import section and in the glue, where each is a key of the imports object; returns
 * the new wasm bytes.
 */
function shortenImports(glueName) {
  const stem = glueName.replace(/-[0-9a-f]+\.js$/, '');
  const wasmFile = path.join(dist, `${glueName.replace(/\.js$/, '')}_bg.wasm`);
  const wasm = readFileSync(wasmFile);
  const names = new Map();
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const shortName = (i) => {
    let name = '';
    for (let n = i; n >= 0; n = Math.floor(n / letters.length) - 1) name = letters[n % letters.length] + name;
    return `_${name}`;
  };
  let at = 8;
  const u32 = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const leb = (n) => {
    const out = [];
    do {
      out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
      n = Math.floor(n / 0x80);
    } while (n > 0);
    return Buffer.from(out);
  };
  const bytes = (n) => wasm.subarray(at, (at += n));
  const parts = [wasm.subarray(0, 8)];
  while (at < wasm.length) {
    const start = at;
    const id = wasm[at++];
    const size = u32();
    const end = at + size;
    if (id !== 2) {
      parts.push(wasm.subarray(start, end));
      at = end;
      continue;
    }
    const count = u32();
    const entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      const module = bytes(u32());
      let field = bytes(u32()).toString();
      const kind = at;
      const skipLimits = () => (wasm[at++] & 1 ? (u32(), u32()) : u32());
      switch (wasm[at++]) {
        case 0: u32(); break; // function: type index
        case 1: at++; skipLimits(); break; // table: element type, limits
        case 2: skipLimits(); break; // memory: limits
        case 3: at += 2; break; // global: type, mutability
        default: throw new Error(`minify-glue: unknown import kind in ${wasmFile}`);
      }
      if (module.toString() === `./${stem}_bg.js`) {
        const short = shortName(names.size);
        names.set(field, short);
        field = short;
      }
      const name = Buffer.from(field);
      entries.push(leb(module.length), module, leb(name.length), name, wasm.subarray(kind, at));
    }
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([2]), leb(body.length), body);
    at = end;
  }
  const shortened = Buffer.concat(parts);
  const glueFile = path.join(dist, glueName);
  let found = 0;
  const code = readFileSync(glueFile, 'utf8').replace(/\b__wb(?:g|indgen)_[A-Za-z0-9_$]+/g, (word) => {
    if (!names.has(word)) return word;
    found++;
    return names.get(word);
  });
  if (found !== names.size) {
    console.error(`minify-glue: ${names.size} imports in ${wasmFile}, ${found} of their names in ${glueFile}`);
    process.exit(1);
  }
  writeFileSync(glueFile, code);
  writeFileSync(wasmFile, shortened);
  console.log(`minify-glue: ${names.size} imports renamed, ${wasm.length} → ${shortened.length} bytes of wasm`);
  return shortened;
}
