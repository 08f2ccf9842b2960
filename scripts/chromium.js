// Finds a Chromium for tests: CHROME_PATH, playwright's own, or Debian's.
// Where none is found and we are root on Debian, installs Debian's `chromium`;
// otherwise says exactly what to install. Used by every browser-driving tool.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Test pages fulfilled by Playwright count as public, and Local Network Access would block
  // their calls to the loopback backend; real store pages are served from loopback anyway.
  '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
];

function playwrightsOwn() {
  try {
    const path = require('playwright-core').chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const DEBIAN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Path of a usable Chromium, installing Debian's package when allowed; throws with instructions otherwise. */
export function findChromium({ install = true } = {}) {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH=${fromEnv} does not exist.`);
  }
  const own = playwrightsOwn();
  if (own) return own;
  const debian = DEBIAN_PATHS.find((path) => existsSync(path));
  if (debian) return debian;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && existsSync('/usr/bin/apt-get')) {
    console.error('checkout-kit: no Chromium found; installing Debian\'s "chromium" package…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(
    'checkout-kit tests need Chromium. Install one of: Debian/Ubuntu "sudo apt-get install chromium", ' +
      'or set CHROME_PATH=/path/to/chrome, or run "npx playwright install chromium" where downloads work.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(findChromium());
}
