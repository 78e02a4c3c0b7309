// End-to-end tests for the release build in dist/, served under /nines/ the
// way GitHub Pages serves a project site. Uses the system Chromium; Playwright
// never downloads a browser here (set PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 and
// never run `playwright install`).
//
//   make build && npx playwright test
//
// Environment:
//   CHROMIUM    Chromium/Chrome binary (default /usr/bin/chromium)
//   NINES_DIST  directory to serve (default dist)
//   NINES_E2E_PORT  port of the test server on 127.0.0.1 (default 4173)
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

const PORT = Number(process.env.NINES_E2E_PORT || 4173);
const BASE_PATH = '/nines/';
const BASE_URL = `http://127.0.0.1:${PORT}${BASE_PATH}`;
const DIST = process.env.NINES_DIST || 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.mjs',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    trace: 'off',
    screenshot: 'off',
    video: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    command: `node scripts/serve.mjs --root ${DIST} --base ${BASE_PATH} --port ${PORT} --host 127.0.0.1`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
