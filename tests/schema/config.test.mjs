// The JSON Schema of the dashboard config (public/schema/config-v1.schema.json) against its
// examples and the default public/config.json, and against configs the parser reports or refuses.
// The Rust side (tests/config.rs) reads the same examples without any issue.
// Run: node --test tests/schema/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
// strictRequired off: the source's `if` names a property declared one level up.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(read('public/schema/config-v1.schema.json'));

test('the config examples and the default config are valid', () => {
  const dir = 'public/schema/config-examples';
  const examples = readdirSync(path.join(root, dir));
  assert.ok(examples.length >= 2, 'examples present');
  for (const name of [...examples.map((e) => `${dir}/${e}`), 'public/config.json']) {
    const valid = validate(read(name));
    assert.ok(valid, `${name}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
  }
});

test('the schema refuses what the parser refuses or reports', () => {
  const full = read('public/schema/config-examples/full.json');
  const [statuspage, prometheus] = full.sources;
  const withSource = (source) => ({ ...full, sources: [source] });
  const broken = [
    ['status data instead of a config', { ...full, format: 'nines' }],
    ['future version', { ...full, version: 2 }],
    ['no version', (({ version, ...rest }) => rest)(full)],
    ['unknown top-level field', { ...full, theme: 'dark' }],
    ['javascript source', withSource({ url: 'javascript:alert(1)' })],
    ['data source', withSource({ url: 'data:application/json,{}' })],
    ['credentials in a source URL', withSource({ url: 'https://user:pw@status.acme.example/x.json' })],
    ['backslash in a source URL', withSource({ url: '/\\evil.example/x.json' })],
    ['source without url', withSource({ id: 'x' })],
    ['a secret in auth instead of a variable name', withSource({ ...statuspage, auth: { bearer_env: 'Bearer abc.def' } })],
    ['basic auth without its password', withSource({ ...statuspage, auth: { basic_user_env: 'USER' } })],
    ['a probe with two targets', { ...full, collect: { probes: [{ service: 'web', http: 'https://x.example/', dns: 'x.example' }] } }],
    ['unknown source field', withSource({ ...statuspage, colour: 'red' })],
    ['id with a space', withSource({ ...statuspage, id: 'has space' })],
    ['unknown format', withSource({ ...statuspage, format: 'grafana' })],
    ['refresh below 10 s', withSource({ ...statuspage, refresh_s: 2 })],
    ['prometheus with another format', withSource({ ...prometheus, format: 'statuspage' })],
    ['unknown prometheus field', withSource({ ...prometheus, prometheus: { ...prometheus.prometheus, extra: 1 } })],
    ['step without query', withSource({ url: 'p.json', prometheus: { step_s: 60 } })],
    ['empty service labels', withSource({ url: 'p.json', prometheus: { service_label: [] } })],
    ['wildcard origin', { ...full, allow_origins: ['*'] }],
    ['wildcard subdomains', { ...full, allow_origins: ['https://*.acme.example'] }],
    ['origin with a path', { ...full, allow_origins: ['https://status.acme.example/api'] }],
    ['a prefix that is a whole origin', { ...full, allow_url_prefixes: ['https://raw.example/'] }],
    ['a prefix with a wildcard', { ...full, allow_url_prefixes: ['https://raw.example/*/status/'] }],
    ['a prefix with a query', { ...full, allow_url_prefixes: ['https://raw.example/a/?b'] }],
    ['javascript link', { ...full, links: [{ label: 'x', url: 'javascript:alert(1)' }] }],
    ['relative link', { ...full, links: [{ label: 'About', url: '/about.html' }] }],
    ['data logo', { ...full, logo_url: 'data:image/png;base64,AAAA' }],
    ['unknown weights preset', { ...full, weights: 'lenient' }],
    ['weight above 1', { ...full, weights: 'major=1,partial=1.5' }],
    ['SLO as a percentage', { ...full, slos: [{ service: 'api', target_ratio: 99.9 }] }],
    ['SLO over zero days', { ...full, slos: [{ service: 'api', target_ratio: 0.99, window_days: 0 }] }],
    ['microsoft sign-in without a tenant', { ...full, auth: { provider: 'microsoft', client_id: 'a' } }],
    ['openid sign-in without an issuer', { ...full, auth: { provider: 'openid', client_id: 'a' } }],
    ['a client secret in the page', { ...full, auth: { provider: 'microsoft', tenant: 't', client_id: 'a', client_secret: 's' } }],
    ['a tenant that is a path', { ...full, auth: { provider: 'microsoft', tenant: '../x', client_id: 'a' } }],
    ['an unknown provider', { ...full, auth: { provider: 'saml', client_id: 'a' } }],
    ['unknown microsoft365 field', withSource({ microsoft365: { tenant: 'x' } })],
    ['redundant group with k 0', { ...full, dependencies: [{ service: 'a', redundant: [{ k: 0, of: ['b'] }] }] }],
  ];
  for (const [label, config] of broken) {
    assert.equal(validate(config), false, `${label} must be invalid`);
  }
  const fine = [
    ['custom weights', { ...full, weights: 'major=1, partial=0.5, maintenance=0' }],
    ['no sources', { format: 'nines-config', version: 1 }],
    ['one service label', withSource({ url: 'p.json', prometheus: { service_label: 'instance' } })],
    ['a microsoft365 source without a url', withSource({ id: 'm365', microsoft365: {} })],
    ['a source behind an OAuth proxy', withSource({ url: 'https://proxy.acme.example/s.json', sign_in: true })],
    ['origin with a port and a slash', { ...full, allow_origins: ['http://127.0.0.1:9090/'] }],
    ['a folder on a shared host', { ...full, allow_url_prefixes: ['https://raw.githubusercontent.com/acme/status/main/'] }],
  ];
  for (const [label, config] of fine) {
    assert.ok(validate(config), `${label}: ${ajv.errorsText(validate.errors)}`);
  }
});
