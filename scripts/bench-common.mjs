// What the browser benchmarks share: their arguments, a static server and the docs section they
// rewrite.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `[--runs N] [--no-docs]`: `{ runs, docs }`; exits 2 on anything else or too few runs. */
export function parseArgs(name, argv, { runs, minRuns }) {
  const opts = { runs, docs: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') opts.runs = Number(argv[++i]);
    else if (argv[i] === '--no-docs') opts.docs = false;
    else {
      console.error(`${name}: unknown argument ${argv[i]}\nusage: node scripts/${name}.mjs [--runs N] [--no-docs]`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.runs) || opts.runs < minRuns) {
    console.error(`${name}: --runs must be an integer of at least ${minRuns}`);
    process.exit(2);
  }
  return opts;
}

/**
 * Starts scripts/serve.mjs on `root` under `base` on a free port; resolves to { url, stop }.
 * `isolate`: serve with cross-origin isolation headers (serve.mjs --isolate).
 */
export function serve(root, base, { isolate = false } = {}) {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'scripts', 'serve.mjs'),
      ...['--root', root, '--base', base, '--port', '0', '--host', '127.0.0.1'],
      ...(isolate ? ['--isolate'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const match = line.match(/at (http:\/\/\S+)$/);
      if (!match) reject(new Error(`serve.mjs said: ${line}`));
      else resolve({ url: match[1], stop: () => child.kill() });
    });
  });
}

/** The machine a benchmark ran on: `{ arch, model, cores, chromium }`. */
export function machine(browserVersion) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = (cpuinfo.match(/^model name\s*:\s*(.+)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown CPU';
  let arch = os.arch();
  try {
    arch = execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim();
  } catch {
    // keep Node's name for it
  }
  return { arch, model: model.trim(), cores: os.cpus().length, chromium: browserVersion };
}

/** `bench key=value …` lines of `output` as objects (numbers where they are numbers). */
export function benchLines(output) {
  return output
    .split('\n')
    .filter((line) => line.startsWith('bench '))
    .map((line) =>
      Object.fromEntries(
        line
          .slice('bench '.length)
          .split(' ')
          .map((pair) => pair.split('='))
          .map(([key, value]) => [key, value === '' || Number.isNaN(Number(value)) ? value : Number(value)]),
      ),
    );
}

/** When and where a table was measured: `2026-12-05 13:10 UTC, 2 cores (AMD EPYC, x86_64), Chromium …`. */
export function measuredOn(browserVersion, started = new Date()) {
  const m = machine(browserVersion);
  return `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${m.cores} cores (${m.model}, ${m.arch}), Chromium ${m.chromium}`;
}

/** `median (min, p25–p75)` of `values`, each with `digits` decimals (quartiles by nearest rank). */
export function spreadText(values, digits = 0) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.round((sorted.length - 1) * q)].toFixed(digits);
  return `${at(0.5)} (${at(0)}, ${at(0.25)}–${at(0.75)})`;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Replaces the part of docs/performance.md between the markers `<!-- {tag}:start -->` and
 * `<!-- {tag}:end -->` with `section` (which carries the markers); appends it under `heading`
 * when the markers are missing.
 */
export function writeDocsSection(tag, heading, section) {
  const docs = path.join(ROOT, 'docs', 'performance.md');
  const [START, END] = [`<!-- ${tag}:start -->`, `<!-- ${tag}:end -->`];
  const text = readFileSync(docs, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const updated =
    start !== -1 && end > start
      ? text.slice(0, start) + section + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n## ${heading}\n\n${section}\n`;
  writeFileSync(docs, updated);
}
