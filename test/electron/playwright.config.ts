import { defineConfig } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const binary = findElectronBinary();
if (binary.path === null) console.log(`Electron suite skipped: ${binary.reason}.`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: '../e2e/global-setup.ts',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
});
