#!/usr/bin/env node
// A real Prometheus for the end-to-end tests (tests/e2e/prometheus.spec.mjs): backfills OpenMetrics
// text into a fresh data folder with `promtool tsdb create-blocks-from openmetrics`, then starts
// `prometheus` on 127.0.0.1 on a free port with that folder, and waits until it is ready. Backfilled
// blocks are loaded when Prometheus starts, which is why the data is written first. Nothing is
// scraped, so the only series are the backfilled ones. Debian's `prometheus` package provides both
// programs (scripts/setup.sh installs it); its own service is never used.
//
// By hand, to point a config at it:
//
//   node scripts/prometheus-e2e.mjs data.om [--cors-origin REGEX]
//
// prints the server's URL and runs until Ctrl-C, then removes its data folder.
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { promisify } from 'node:util';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Whether both `prometheus` and `promtool` can be run. */
export function prometheusInstalled() {
  return ['prometheus', 'promtool'].every((program) => spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0);
}

/** A TCP port free on 127.0.0.1 right now. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Backfills `openMetrics` (OpenMetrics text ending in `# EOF`) and starts Prometheus on it.
 * `corsOrigin` is the regex of origins whose pages may read the API (`--web.cors.origin`).
 * Resolves to `{ url, port, dir, stop }`; `stop()` ends the server and removes its folder.
 */
export async function startPrometheus({ openMetrics, corsOrigin = '.*', retention = '30d' }) {
  if (!prometheusInstalled()) {
    throw new Error("prometheus and promtool are not installed; scripts/setup.sh installs Debian's prometheus package");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nines-prometheus-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const dataFile = path.join(dir, 'data.om');
  const dataDir = path.join(dir, 'tsdb');
  const configFile = path.join(dir, 'prometheus.yml');
  const logFile = path.join(dir, 'prometheus.log');
  fs.writeFileSync(dataFile, openMetrics);
  fs.writeFileSync(configFile, 'global:\n  scrape_interval: 1m\n');
  try {
    await promisify(execFile)('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', dataFile, dataDir], {
      maxBuffer: 16 << 20,
    });
  } catch (error) {
    remove();
    throw new Error(`promtool could not backfill the data: ${error.stderr || error.message}`);
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--storage.tsdb.retention.time=${retention}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.cors.origin=${corsOrigin}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(signal || `code ${code}`));
    child.once('error', (error) => resolve(error.message));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let running = true;
  exited.then(() => {
    running = false;
  });
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    remove();
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!running) {
      const why = `prometheus exited (${await exited}) before it was ready:\n${tail(logFile)}`;
      await stop();
      throw new Error(why);
    }
    const ready = await fetch(`${url}-/ready`).then((r) => r.ok, () => false);
    if (ready) return { url, port, dir, stop };
    if (Date.now() > deadline) {
      const why = `prometheus was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`;
      await stop();
      throw new Error(why);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, flag, regex] = process.argv.slice(2);
  if (!file || (flag && flag !== '--cors-origin')) {
    console.error('usage: node scripts/prometheus-e2e.mjs DATA.om [--cors-origin REGEX]');
    process.exit(2);
  }
  const server = await startPrometheus({ openMetrics: fs.readFileSync(file, 'utf8'), corsOrigin: regex });
  console.log(`prometheus ready at ${server.url} (data in ${server.dir}); Ctrl-C stops it`);
  process.once('SIGINT', () => server.stop().then(() => process.exit(0)));
}
