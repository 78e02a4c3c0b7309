// How Nines starts the system Chromium, headless, for the end-to-end tests and the chart
// benchmark: never a downloaded browser, and no background traffic (this machine's network is
// closed, and each refused connection slows the start).
export const CHROMIUM_PATH = process.env.CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
