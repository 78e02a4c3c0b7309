// End-to-end tests of large inputs: a source's download shows its progress (bytes, and the
// percentage when the server sends Content-Length), then "Parsing"; inputs of 2 MiB or more are
// parsed in a Web Worker (the User Timing measure `nines:parse-worker`) while the page's main
// thread keeps drawing frames; errors found there read exactly as on the main thread; a large
// local file takes the same path. The inputs are generated here.
import http from 'node:http';
import { test, expect, servePage, serveConfig, SELECTORS } from './dashboard-page.mjs';

const AS_OF = '2026-11-23T00:00:00Z';
const MINUTE_MS = 60_000;
/** Minutes down in the last 30 days: 1 − 1495/43 200 = 96.539 %, shown floored. */
const DOWN_MINUTES = 1495;
const AVAILABILITY_30D = '96.53 %';
const PROGRESS = '[data-testid=load-progress], [data-testid=local-file-status]';
/** Samples of a native file large enough for the parse worker (4 MiB and more in the native
 * format): 2,200,000 make 4.2 MiB. */
const LARGE_SAMPLES = 2_200_000;

/** A native file with `samples` one-minute probe results of service `id`, ending at AS_OF. */
function probeHistory(samples, id = 'probe') {
  const startIso = new Date(Date.parse(AS_OF) - samples * MINUTE_MS).toISOString();
  const up = new Array(samples).fill('1');
  // The outage ends five days before AS_OF, well inside the 30-day window.
  const downEnd = samples - 5 * 1440;
  up.fill('0', downEnd - DOWN_MINUTES, downEnd);
  return (
    `{"format":"nines","version":1,"title":"Probe history","as_of":"${AS_OF}",` +
    `"coverage":{"start":"${startIso}","end":"${AS_OF}"},"services":[{"id":"${id}","name":"Probe ${id}"}],` +
    `"series":[{"service":"${id}","start":"${startIso}","step_s":60,"up":[${up.join(',')}]}]}`
  );
}

/** A Statuspage incidents.json of `count` incidents, one per line from line 3, with line `badLine` broken. */
function brokenIncidents(count, badLine) {
  const lines = ['{"page": {"id": "big", "name": "Big", "url": "https://status.example.com"},', '"incidents": ['];
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.parse(AS_OF) - (i + 1) * 3_600_000).toISOString();
    lines.push(
      JSON.stringify({
        id: `inc${i}`, name: `Incident ${i}`, status: 'resolved', impact: 'minor', created_at: start, started_at: start,
        resolved_at: AS_OF, components: [{ id: 'c1', name: 'API' }],
        incident_updates: [{ status: 'resolved', body: 'Fixed. '.repeat(20), created_at: AS_OF }],
      }) + ',',
    );
  }
  lines[badLine - 1] = '{"id" "broken"},';
  lines.push('{"id": "last"}]}');
  return lines.join('\n');
}

/** Bytes as the page shows them: MiB with one decimal. */
const mb = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Before the page runs: count animation frames, and record every text the progress lines show. */
async function watchPage(page) {
  await page.addInitScript((selector) => {
    window.__frames = [];
    const tick = () => {
      window.__frames.push(performance.now());
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const seen = (window.__progress = []);
    const note = (text) => {
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        const at = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
        if (!at || !at.closest(selector)) continue;
        if (r.type === 'characterData') note(r.oldValue);
        r.removedNodes.forEach((n) => note(n.textContent));
      }
      document.querySelectorAll(selector).forEach((el) => note(el.textContent));
    }).observe(document, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
  }, PROGRESS);
}

/** The worker round trips so far, and how many animation frames the page drew during each. */
function workerParses(page) {
  return page.evaluate(() =>
    performance.getEntriesByName('nines:parse-worker', 'measure').map((m) => ({
      frames: (window.__frames || []).filter((t) => t > m.startTime && t < m.startTime + m.duration).length,
    })),
  );
}

test('a large source shows its download progress, is parsed in a worker, and the page keeps drawing', async ({ dashboard, page }) => {
  const body = probeHistory(LARGE_SAMPLES);
  expect(body.length, 'above the worker threshold').toBeGreaterThan(2 * 1_048_576);
  await watchPage(page);
  await page.route('**/data/large.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'content-length': String(body.length) }, body }),
  );
  await dashboard.goto('?source=data/large.json');
  await expect(dashboard.availabilityCell('probe')).toHaveText(AVAILABILITY_30D, { timeout: 30_000 });
  await expect(dashboard.rows).toHaveCount(1);

  const seen = await page.evaluate(() => window.__progress);
  const downloading = new RegExp(`^Downloading data/large\\.json: \\d+\\.\\d MB of ${mb(body.length).replace('.', '\\.')} \\(\\d+ %\\)$`);
  expect(seen.filter((t) => downloading.test(t)), `bytes and percent in ${JSON.stringify(seen)}`).not.toEqual([]);
  expect(seen, 'then parsing').toContain(`Parsing data/large.json (${mb(body.length)})…`);

  const parses = await workerParses(page);
  expect(parses, 'one parse in the worker').toHaveLength(1);
  expect(parses[0].frames, 'animation frames drawn while the worker parsed').toBeGreaterThan(0);
  // Once loaded, no progress line is left.
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
});

test('the download progress counts the bytes as they arrive', async ({ dashboard, page }) => {
  const body = Buffer.from(probeHistory(LARGE_SAMPLES));
  const half = Math.ceil(body.length / 2);
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const server = http.createServer(async (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'access-control-allow-origin': '*' });
    res.write(body.subarray(0, half));
    await released;
    res.end(body.subarray(half));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const site = await servePage({ allow_origins: [origin], sources: [{ id: 'large', label: 'Large history', url: `${origin}/large.json` }] });
  try {
    await page.goto(site.url);
    await expect(page.getByTestId('load-progress')).toHaveText(`Downloading Large history: ${mb(half)} of ${mb(body.length)} (50 %)`);
    release();
    await expect(dashboard.availabilityCell('probe')).toHaveText(AVAILABILITY_30D, { timeout: 30_000 });
    expect(await workerParses(page), 'parsed in the worker').toHaveLength(1);
  } finally {
    release();
    server.close();
    site.stop();
  }
});

test('a malformed large file parsed in the worker says at which line and column', async ({ dashboard, page }) => {
  const badLine = 4003;
  const body = brokenIncidents(5000, badLine);
  expect(body.length, 'above the worker threshold').toBeGreaterThan(2 * 1_048_576);
  await page.route('**/data/broken.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'content-length': String(body.length) }, body }),
  );
  await dashboard.goto('?source=data/broken.json');
  await expect(dashboard.loadError.locator('h2')).toHaveText('The status data could not be read.');
  await expect(dashboard.loadError).toContainText('The file must be JSON; check it at the line and column shown.');
  await expect(dashboard.loadError.locator('code')).toHaveText(`data/broken.json: not valid JSON at line ${badLine}, column 7: expected \`:\``);
  expect(await workerParses(page), 'parsed in the worker').toHaveLength(1);
});

test('a large local file is parsed in the worker too', async ({ dashboard, page, requests }) => {
  await watchPage(page);
  await dashboard.goto();
  await dashboard.waitLoaded();
  expect(await workerParses(page), 'the 1 MiB demo is parsed on the main thread').toHaveLength(0);
  // A native file of 2.9 MiB, under the native format's 4 MiB, is read on the main thread too.
  const mid = probeHistory(1_500_000, 'mid');
  await page.getByTestId('open-file').setInputFiles({ name: 'mid.json', mimeType: 'application/json', buffer: Buffer.from(mid) });
  await expect(dashboard.availabilityCell('mid')).toHaveText(AVAILABILITY_30D);
  expect(await workerParses(page), `the native file of ${mb(mid.length)} is parsed on the main thread`).toHaveLength(0);
  const before = requests.length;
  const body = probeHistory(LARGE_SAMPLES);
  await page.getByTestId('open-file').setInputFiles({ name: 'probe-history.json', mimeType: 'application/json', buffer: Buffer.from(body) });
  await expect(page.getByTestId('local-file-status')).toContainText('nothing was uploaded', { timeout: 30_000 });
  await expect(dashboard.availabilityCell('probe')).toHaveText(AVAILABILITY_30D);
  await expect(dashboard.row('email')).toHaveCount(0);
  expect(await page.evaluate(() => window.__progress), 'the status line said it was parsing').toContain(
    `Parsing probe-history.json (${mb(body.length)})…`,
  );
  const parses = await workerParses(page);
  expect(parses, 'one parse in the worker').toHaveLength(1);
  expect(parses[0].frames, 'animation frames drawn while the worker parsed').toBeGreaterThan(0);
  expect(requests.slice(before).filter((u) => u.startsWith('http') && !/\.(wasm|js)$/.test(u)), 'no request carries the file').toEqual([]);
  await expect(page.getByTestId('local-file-error-slot').locator(SELECTORS.loadError)).toHaveCount(0);

  // The worker stops once it has answered; a second large file starts a new one, and joins the first.
  const second = probeHistory(LARGE_SAMPLES, 'probe-two');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'probe-two.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, second);
  await expect(dashboard.availabilityCell('probe-two')).toHaveText(AVAILABILITY_30D, { timeout: 30_000 });
  await expect(dashboard.availabilityCell('probe')).toHaveText(AVAILABILITY_30D);
  expect(await workerParses(page), 'two parses in the worker').toHaveLength(2);
});

for (const [how, breakWorkers] of [
  ['cannot start', () => { window.Worker = function () { throw new Error('workers are blocked here'); }; }],
  [
    'fails while loading',
    () => {
      const Real = window.Worker;
      window.Worker = function (_url, options) {
        return new Real(URL.createObjectURL(new Blob(['throw new Error("this worker is broken")'], { type: 'text/javascript' })), options);
      };
    },
  ],
]) {
  test(`when the worker ${how}, a large source is parsed on the main thread with a note in the console`, async ({ dashboard, page, problems }) => {
    problems.tolerateConsoleError(({ text }) => text.includes('this worker is broken'));
    const notes = [];
    page.on('console', (msg) => {
      if (msg.type() === 'warning' && msg.text().startsWith('Nines: parsing on the main thread')) notes.push(msg.text());
    });
    await page.addInitScript(breakWorkers);
    const body = probeHistory(LARGE_SAMPLES);
    await page.route('**/data/large.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', headers: { 'content-length': String(body.length) }, body }),
    );
    await dashboard.goto('?source=data/large.json');
    await expect(dashboard.availabilityCell('probe')).toHaveText(AVAILABILITY_30D, { timeout: 30_000 });
    expect(notes, 'one note in the console').toHaveLength(1);
    const parsedHere = await page.evaluate(() => performance.getEntriesByName('nines:parse', 'measure').length);
    expect(parsedHere, 'parsed on the main thread').toBe(1);
  });
}

/** A native file of `services` services and `incidents` incidents (the newest first by id: inc0 started last). */
function manyRecords(services, incidents) {
  const serviceList = Array.from({ length: services }, (_, i) => `{"id":"s${i}","name":"Service ${i}"}`);
  const incidentList = Array.from({ length: incidents }, (_, i) => {
    const start = new Date(Date.parse(AS_OF) - (i + 1) * 3_600_000).toISOString();
    const end = new Date(Date.parse(start) + 600_000).toISOString();
    return `{"id":"inc${i}","title":"Incident ${i}","impact":"minor","status":"resolved","services":["s${i % services}"],"start":"${start}","end":"${end}"}`;
  });
  return (
    `{"format":"nines","version":1,"title":"Many records","as_of":"${AS_OF}",` +
    `"coverage":{"start":"2020-01-01T00:00:00Z","end":"${AS_OF}"},` +
    `"services":[${serviceList.join(',')}],"incidents":[${incidentList.join(',')}]}`
  );
}

test('a file of 50,000 incidents and 250 services draws a hundred rows of each at a time', async ({ dashboard, page }) => {
  const body = manyRecords(250, 50_000);
  await page.route('**/data/many.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await dashboard.goto('?source=data/many.json');
  await expect(dashboard.rows).toHaveCount(100, { timeout: 30_000 });
  const servicesPager = page.getByTestId('pager');
  await expect(servicesPager).toContainText('Rows 1–100 of 250');
  await servicesPager.getByRole('button', { name: 'Next' }).click();
  await servicesPager.getByRole('button', { name: 'Next' }).click();
  await expect(servicesPager).toContainText('Rows 201–250 of 250');
  await expect(dashboard.rows).toHaveCount(50);
  await expect(dashboard.rows.first()).toHaveAttribute('data-service-id', 's200');
  await expect(servicesPager.getByRole('button', { name: 'Next' })).toBeDisabled();

  await page.getByRole('link', { name: 'Incidents' }).first().click();
  const rows = page.getByTestId('incident-row');
  await expect(page.getByTestId('incident-count')).toHaveText('50000 incidents');
  await expect(rows).toHaveCount(100);
  await expect(rows.first()).toHaveAttribute('data-incident-id', 'inc0');
  const pager = page.getByTestId('pager');
  await expect(pager).toContainText('Rows 1–100 of 50000');
  await expect(pager.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText('Rows 101–200 of 50000');
  await expect(rows.first()).toHaveAttribute('data-incident-id', 'inc100');
  await expect(rows).toHaveCount(100);
  // A filter goes back to the first page of what it finds.
  await page.getByTestId('filter-service').selectOption('s3');
  await expect(page.getByTestId('incident-count')).toHaveText('200 incidents');
  await expect(pager).toContainText('Rows 1–100 of 200');
  await expect(rows.first()).toHaveAttribute('data-incident-id', 'inc3');
});

test('the incidents table stays on its page when the data refreshes', async ({ dashboard, page }) => {
  await page.clock.install({ time: Date.parse(AS_OF) });
  await serveConfig(page, { sources: [{ id: 'many', label: 'Many', url: 'data/many.json', refresh_s: 60 }] });
  let incidents = 300;
  await page.route('**/data/many.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: manyRecords(10, incidents) }),
  );
  await dashboard.goto('?view=incidents');
  const pager = page.getByTestId('pager');
  await expect(pager).toContainText('Rows 1–100 of 300');
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText('Rows 101–200 of 300');
  // The next refresh brings one incident more, and a new table.
  incidents = 301;
  await page.clock.runFor(61_000);
  await expect(page.getByTestId('incident-count')).toHaveText('301 incidents');
  await expect(pager).toContainText('Rows 101–200 of 301');
  await expect(page.getByTestId('incident-row').first()).toHaveAttribute('data-incident-id', 'inc100');
});

/**
 * Before the page runs: the parse worker's script (made from a Blob by the page) starts with
 * `prelude`, which makes the worker misbehave once its module has loaded, as the input arrives.
 */
async function patchWorkerScript(page, prelude) {
  await page.addInitScript((prelude) => {
    const RealBlob = window.Blob;
    window.Blob = function (parts, options) {
      const script = parts?.length === 1 && typeof parts[0] === 'string' && parts[0].includes('parse_in_worker');
      return new RealBlob(script ? [prelude + parts[0]] : parts, options);
    };
  }, prelude);
}

/** Worker prelude: copying an input of 2 MiB or more into the module runs `then`. */
const onLargeInput = (then) =>
  `const realSet = Uint8Array.prototype.set;
   Uint8Array.prototype.set = function (source, offset) {
     if (source && source.length >= 2 * 1048576) { ${then} }
     return realSet.call(this, source, offset);
   };
`;

for (const [how, prelude, reason] of [
  ['fails while reading', onLargeInput("throw new Error('the reader crashed');"), 'the parse worker failed: Error: the reader crashed'],
  ['hangs on', onLargeInput('for (;;) {}'), 'the parse worker did not finish within 21 s'],
]) {
  test(`when the worker ${how} a large source, the source is an error and the main thread does not read it`, async ({ dashboard, page }) => {
    const retried = [];
    page.on('console', (msg) => {
      if (msg.text().startsWith('Nines: parsing on the main thread')) retried.push(msg.text());
    });
    await patchWorkerScript(page, prelude);
    // The page's timers are Playwright's, so the worker's time limit can pass at once.
    await page.clock.install();
    const body = probeHistory(LARGE_SAMPLES);
    await page.route('**/data/large.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', headers: { 'content-length': String(body.length) }, body }),
    );
    await dashboard.goto('?source=data/large.json');
    await expect(page.locator(PROGRESS)).toContainText('Parsing', { timeout: 30_000 });
    if (how === 'hangs on') {
      // 21 s for this input of 4.2 MiB (20 s, and 250 ms per whole MiB): just before, it still waits.
      await page.clock.fastForward(20_750);
      await expect(page.locator(PROGRESS)).toContainText('Parsing');
      await page.clock.fastForward(1_000);
    }
    await expect(dashboard.loadError.locator('h2')).toHaveText('The status data could not be read.');
    await expect(dashboard.loadError).toContainText('The file may be too large or too intricate for this browser');
    await expect(dashboard.loadError.locator('code')).toHaveText(`data/large.json: reading stopped before the end: ${reason}`);
    const parsedHere = await page.evaluate(() => performance.getEntriesByName('nines:parse', 'measure').length);
    expect(parsedHere, 'not read on the main thread').toBe(0);
    expect(retried, 'no note of a retry on the main thread').toEqual([]);
    await expect(dashboard.availabilityCell('probe'), 'no data shown').toHaveCount(0);
  });
}

test('inputs waiting behind one the worker hangs on are read on the main thread, and the next large input gets a new worker', async ({ dashboard, page }) => {
  const notes = [];
  page.on('console', (msg) => {
    if (msg.text().startsWith('Nines: parsing on the main thread')) notes.push(msg.text());
  });
  // The worker hangs on the input of the service "hang" only.
  await patchWorkerScript(page, onLargeInput("if (new TextDecoder().decode(source.subarray(0, 400)).includes('\"id\":\"hang\"')) for (;;) {}"));
  await page.addInitScript(() => {
    window.__posted = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (...args) {
      window.__posted += 1;
      return post.apply(this, args);
    };
  });
  await page.clock.install();
  await dashboard.goto();
  await dashboard.waitLoaded();
  const drop = (name, text) =>
    page.evaluate(([name, text]) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [name, text]);
  const posted = () => page.evaluate(() => window.__posted);

  await drop('hang.json', probeHistory(LARGE_SAMPLES, 'hang'));
  await expect.poll(posted, { message: 'the first file went to the worker' }).toBe(1);
  // The second waits behind it; it has 21 s of its own, from a second later.
  await page.waitForTimeout(1_000);
  await drop('second.json', probeHistory(LARGE_SAMPLES, 'second'));
  await expect.poll(posted, { message: 'the second file went to the worker' }).toBe(2);
  // The first runs out of time (its error is replaced by the second's success).
  await page.clock.fastForward(20_000);
  await expect(dashboard.availabilityCell('second')).toHaveText(AVAILABILITY_30D);
  expect(notes, 'the second file, read on the main thread').toEqual(['Nines: parsing on the main thread: the parse worker failed: the parse worker stopped']);

  await drop('third.json', probeHistory(LARGE_SAMPLES, 'third'));
  await expect(dashboard.availabilityCell('third')).toHaveText(AVAILABILITY_30D);
  expect(await posted(), 'the third file went to a new worker').toBe(3);
  expect(notes, 'nothing more read on the main thread').toHaveLength(1);
});

test('a local file larger than the page reads is refused from its size, before a byte of it is read', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.waitLoaded();
  const SIZE_BYTES = 300 * 1_048_576;
  await page.evaluate((sizeBytes) => {
    // 300 MiB made of one 1 MiB part: a file of that size without 300 MiB in memory.
    const part = new Blob([new Uint8Array(1_048_576).fill(0x20)]);
    const file = new File(Array(sizeBytes / 1_048_576).fill(part), 'huge.json', { type: 'application/json' });
    window.__bytesRead = 0;
    for (const method of ['arrayBuffer', 'text', 'stream', 'slice']) {
      const original = Blob.prototype[method];
      Blob.prototype[method] = function (...args) {
        window.__bytesRead += this.size;
        return original.apply(this, args);
      };
    }
    const data = new DataTransfer();
    data.items.add(file);
    const input = document.querySelector('[data-testid="open-file"]');
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, SIZE_BYTES);
  const error = page.getByTestId('local-file-error-slot').locator(SELECTORS.loadError);
  await expect(error).toContainText(`huge.json: input is ${SIZE_BYTES} bytes; the limit is ${256 * 1_048_576} bytes`);
  expect(await page.evaluate(() => window.__bytesRead), 'bytes of the file read').toBe(0);
  // What the page showed stays.
  await expect(dashboard.availabilityCell('email')).toHaveText('96.53 %');
});

test('a source larger than the page reads is refused from its Content-Length, or stopped once that much arrived, and the page keeps working', async ({ dashboard, page, problems }) => {
  problems.tolerateConsoleError(({ text }) => text.includes('larger than'));
  const LIMIT_BYTES = 256 * 1_048_576;
  const BODY_BYTES = 300 * 1_048_576;
  // Spaces: what a reader would have to read through, had it kept reading.
  const chunk = Buffer.alloc(1_048_576, 0x20);
  /** Bytes handed to each response's socket before the page went away. */
  const sent = { declared: 0, streamed: 0 };
  const server = http.createServer((req, res) => {
    const key = req.url === '/declared.json' ? 'declared' : 'streamed';
    const length = key === 'declared' ? { 'content-length': String(BODY_BYTES) } : {};
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...length });
    const pump = () => {
      while (!res.destroyed && sent[key] < BODY_BYTES) {
        sent[key] += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const site = await servePage({ allow_origins: [origin], sources: [{ id: 'big', label: 'Big', url: `${origin}/declared.json` }] });
  const refusal = `is larger than ${LIMIT_BYTES} bytes, the most the page reads from one source`;
  try {
    await page.goto(site.url);
    await expect(dashboard.loadError).toContainText(refusal, { timeout: 30_000 });
    await expect(dashboard.loadError).toContainText('Publish a shorter history');
    // Refused on its headers: what reached the socket is what the kernel buffers, not the body.
    expect(sent.declared, 'bytes sent of the declared 300 MB').toBeLessThan(64 * 1_048_576);

    site.reconfigure({ allow_origins: [origin], sources: [{ id: 'big', label: 'Big', url: `${origin}/streamed.json` }] });
    await page.goto(site.url);
    await expect(dashboard.loadError).toContainText(refusal, { timeout: 30_000 });
    await expect.poll(() => sent.streamed, { message: 'the download went on past the limit' }).toBeGreaterThan(LIMIT_BYTES - 64 * 1_048_576);
    expect(sent.streamed, 'bytes sent of the 300 MB stream').toBeLessThan(BODY_BYTES);

    // The page still reads what it is given.
    await page.getByTestId('open-file').setInputFiles({ name: 'probe.json', mimeType: 'application/json', buffer: Buffer.from(probeHistory(50_000)) });
    await expect(dashboard.availabilityCell('probe')).toHaveText(AVAILABILITY_30D, { timeout: 30_000 });
  } finally {
    server.close();
    server.closeAllConnections();
    site.stop();
  }
});
