import { existsSync } from 'node:fs';

/** Debian's Chromium where present (Playwright cannot download its own here), else Playwright's. */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
