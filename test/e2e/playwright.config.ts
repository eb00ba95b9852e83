import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  timeout: 30_000,
  use: {
    headless: true,
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
  },
});
