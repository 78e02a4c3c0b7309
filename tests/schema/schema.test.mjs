// The JSON Schema of the Nines format (public/schema/nines-v1.schema.json) against the files that
// claim to follow it: its examples, the demo data, and what `nines convert` writes for every test
// fixture of every source format. Run: node --test tests/schema/ (after `cargo build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = path.resolve(import.meta.dirname, '..', '..');
const schema = JSON.parse(readFileSync(path.join(root, 'public/schema/nines-v1.schema.json'), 'utf8'));
// strictRequired off: the series oneOf names properties declared one level up.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function check(label, document) {
  const valid = validate(document);
  assert.ok(valid, `${label}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
}

test('the schema examples and the demo data are valid', () => {
  const examples = readdirSync(path.join(root, 'public/schema/examples'));
  assert.ok(examples.length >= 2, 'examples present');
  for (const name of examples) {
    check(name, JSON.parse(readFileSync(path.join(root, 'public/schema/examples', name), 'utf8')));
  }
  check('demo.json', JSON.parse(readFileSync(path.join(root, 'public/data/demo.json'), 'utf8')));
  const minimal = JSON.parse(readFileSync(path.join(root, 'public/schema/examples/minimal.json'), 'utf8'));
  check('coverage with a gap', {
    ...minimal,
    coverage: [
      { start: '2026-01-01T00:00:00Z', end: '2026-01-01T09:00:00Z' },
      { start: '2026-01-01T15:00:00Z', end: '2026-01-02T00:00:00Z' },
    ],
  });
  check('times as deltas', { ...minimal, series: [{ service: 'web', times_delta_ms: [1767225600000, 60000, 61000], up: [1, 0, 1] }] });
});

test('the schema refuses what the parser refuses', () => {
  const minimal = JSON.parse(readFileSync(path.join(root, 'public/schema/examples/minimal.json'), 'utf8'));
  const broken = [
    ['future version', { ...minimal, version: 2 }],
    ['no as_of', (({ as_of, ...rest }) => rest)(minimal)],
    ['coverage without an end', { ...minimal, coverage: [{ start: '2026-01-01T00:00:00Z' }] }],
    ['unknown level', { ...minimal, incidents: [{ ...minimal.incidents[0], impact: 'catastrophic' }] }],
    ['up-ratio above 1', { ...minimal, series: [{ service: 'web', start: '2026-01-01T00:00:00Z', step_s: 60, up: [1.5] }] }],
    ['times both absolute and as deltas', { ...minimal, series: [{ service: 'web', times_ms: [0], times_delta_ms: [0], up: [1] }] }],
    ['time deltas beside a start', { ...minimal, series: [{ service: 'web', start: '2026-01-01T00:00:00Z', times_delta_ms: [0], up: [1] }] }],
    ['a fractional time delta', { ...minimal, series: [{ service: 'web', times_delta_ms: [0, 0.5], up: [1, 1] }] }],
    ['javascript link', { ...minimal, incidents: [{ ...minimal.incidents[0], links: ['javascript:alert(1)'] }] }],
  ];
  for (const [label, document] of broken) {
    assert.equal(validate(document), false, `${label} must be invalid`);
  }
});

test('nines convert writes valid files for every fixture', () => {
  // `cargo build` puts the tool under CARGO_TARGET_DIR when that is set.
  const cli = path.join(path.resolve(root, process.env.CARGO_TARGET_DIR || 'target'), 'debug/nines');
  assert.ok(existsSync(cli), `${cli} is built (cargo build --no-default-features --bin nines)`);
  const fixtures = path.join(root, 'tests/fixtures');
  let converted = 0;
  for (const format of readdirSync(fixtures)) {
    if (format === 'malformed') continue;
    for (const name of readdirSync(path.join(fixtures, format))) {
      if (name.endsWith('.md')) continue;
      const output = execFileSync(cli, ['convert', path.join(fixtures, format, name), '--to', 'nines'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
      });
      check(`${format}/${name}`, JSON.parse(output));
      converted += 1;
    }
  }
  assert.ok(converted >= 40, `converted ${converted} fixtures`);
});
