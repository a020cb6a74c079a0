import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (never a downloaded one); WORKSHOP_CHROMIUM names another. */
const chromiumBinary = process.env.WORKSHOP_CHROMIUM ?? '/usr/bin/chromium';

/** Headless chromium on a fresh profile, with the flags this machine needs and nothing fetched in the background. */
export async function launchChromium(
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'workshop-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumBinary,
    headless: true,
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
