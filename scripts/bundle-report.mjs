#!/usr/bin/env node
// The release bundle's size in docs/performance.md, written by what measured it.
//
//   node scripts/bundle-report.mjs [--dist DIR] [--log NOTE] [--no-docs]
//
// Runs scripts/size-report.sh on DIR (default dist/, from `make build`) and rewrites the
// bundle-now section of docs/performance.md: every file's raw, gzip -9 and brotli -q 11 bytes,
// the total against the budget, the date, the commit and the toolchain. With --log, also appends
// a row to the bundle log: NOTE (what the build holds that the row before did not), the date, the
// commit, and the total brotli bytes. A commit with changes not yet committed (outside docs/) is
// marked "+".
// Exits 1 when size-report.sh does (over the budget, brotli missing), 2 on bad usage.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { benchLines, ROOT, writeDocsSection } from './bench-common.mjs';

const USAGE = 'usage: node scripts/bundle-report.mjs [--dist DIR] [--log NOTE] [--no-docs]';

function parse(argv) {
  const opts = { dist: path.join(ROOT, 'dist'), log: null, docs: true };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) fail(`${argv[i]} needs a value`);
      return argv[++i];
    };
    if (argv[i] === '--dist') opts.dist = path.resolve(value());
    else if (argv[i] === '--log') opts.log = value().trim();
    else if (argv[i] === '--no-docs') opts.docs = false;
    else fail(`unknown argument ${argv[i]}`);
  }
  if (opts.log === '') fail('--log needs a note saying what the build holds');
  if (opts.log !== null && /[|\n]/.test(opts.log)) fail('a --log note may not hold "|" or a line break');
  return opts;
}

function fail(message) {
  console.error(`bundle-report: ${message}\n${USAGE}`);
  process.exit(2);
}

/** stdout of `command args`, trimmed; `fallback` when it cannot run. */
function run(command, args, fallback) {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return fallback;
  }
}

const opts = parse(process.argv.slice(2));
let report;
try {
  report = execFileSync('bash', [path.join(ROOT, 'scripts', 'size-report.sh'), opts.dist], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
} catch (error) {
  process.stdout.write(error.stdout ?? '');
  process.exit(1);
}
process.stdout.write(report);
const lines = benchLines(report.replace(/^size /gm, 'bench '));
const files = lines.filter((l) => l.file !== undefined);
const total = lines.find((l) => 'budget_brotli' in l);
if (!total || files.length === 0) {
  console.error(`bundle-report: size-report.sh printed no sizes for ${opts.dist}`);
  process.exit(1);
}

const bytes = (n) => n.toLocaleString('en-US');
const date = new Date().toISOString().slice(0, 10);
const commit = run('git', ['rev-parse', '--short=7', 'HEAD'], 'no commit');
// Changed files other than docs (which this script writes) make the build differ from the commit.
const changed = ['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)docs', ':(exclude)*.md'];
const dirty = run('git', changed, '') !== '';
const measured = `${commit}${dirty ? '+' : ''}`;
const toolchain = [
  run('rustc', ['--version'], 'rustc unknown').split(' (')[0],
  run('trunk', ['--version'], 'trunk unknown'),
  run('wasm-opt', ['--version'], 'wasm-opt unknown').replace(/ \(.*$/, ''),
].join(', ');

if (opts.docs) {
  // A file's name without Trunk's content hashes: the names change with every build, the files don't.
  const name = (file) => file.replace(/-[0-9a-f]{12,16}(?=[._/])/g, '');
  const rows = files.map((f) => `| ${name(f.file)} | ${bytes(f.raw)} | ${bytes(f.gzip)} | ${bytes(f.brotli)} |`);
  const budget = Number(total.budget_brotli);
  const verdict = total.brotli <= budget ? `${bytes(budget - total.brotli)} under` : `${bytes(total.brotli - budget)} over`;
  writeDocsSection(
    'bundle-now',
    'Bundle',
    [
      '<!-- bundle-now:start -->',
      `Measured by \`node scripts/bundle-report.mjs\` (\`make bench\`, \`make bundle-log\`), which runs \`scripts/size-report.sh\` on \`dist/\`, on ${date}, commit ${measured}; ${toolchain}. Bytes:`,
      '',
      '| file | raw | gzip -9 | brotli -q 11 |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
      `| **total** | ${bytes(total.raw)} | ${bytes(total.gzip)} | **${bytes(total.brotli)}** |`,
      '',
      `The budget is ${bytes(budget)} bytes of brotli: ${verdict} it.`,
      '<!-- bundle-now:end -->',
    ].join('\n'),
  );
  console.error('bundle-report: wrote the bundle-now section of docs/performance.md');
}

if (opts.log !== null) {
  const docs = path.join(ROOT, 'docs', 'performance.md');
  const END = '<!-- bundle-log:end -->';
  const text = readFileSync(docs, 'utf8');
  const at = text.indexOf(END);
  if (at === -1) {
    console.error(`bundle-report: docs/performance.md has no ${END} marker to append the row before`);
    process.exit(1);
  }
  const row = `| ${opts.log} (${date}, ${measured}) | ${bytes(total.brotli)} |\n`;
  writeFileSync(docs, text.slice(0, at) + row + text.slice(at));
  console.error(`bundle-report: logged ${bytes(total.brotli)} B in docs/performance.md`);
}
