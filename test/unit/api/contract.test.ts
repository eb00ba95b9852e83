import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../../main/api/core';
import { contract, findMethod, ipcChannel, methods } from '../../../preload/contract';

describe('the contract', () => {
  it('groups methods in the ten areas of the design', () => {
    expect(Object.keys(contract)).toEqual([
      'app',
      'session',
      'tickets',
      'drafts',
      'actions',
      'attachments',
      'customers',
      'config',
      'outbox',
      'sync',
    ]);
  });

  it('has a service implementation for every method', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hubdesk-contract-'));
    const core = await startCore({
      environment: {
        name: 'HubDesk',
        version: '0.0.0',
        platform: 'linux',
        shell: 'browser-host',
        dataDir,
        defaultServerUrl: null,
      },
    });
    try {
      const services = core.services as unknown as Record<string, Record<string, unknown>>;
      for (const entry of methods) {
        expect(typeof services[entry.area]?.[entry.method], entry.name).toBe('function');
      }
    } finally {
      await core.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('gives each method its own IPC channel', () => {
    const channels = methods.map((entry) => ipcChannel(entry.name));
    expect(new Set(channels).size).toBe(methods.length);
  });

  it('does not find inherited properties as methods', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(findMethod(name)).toBeUndefined();
    }
  });
});
