import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowList } from '../../../scripts/electronegativity-allow-list';
import {
  installedElectronVersion,
  judge,
  runElectronegativity,
  scanTargets,
  type Finding,
} from '../../../scripts/security-check';

const root = path.resolve(import.meta.dirname, '../../..');
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const summary = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.check} ${f.file}:${f.line} ${f.sample}`);

describe('Electronegativity', () => {
  it('finds nothing outside the allow-list in the glue, the preload and the built bundles', async () => {
    const scan = await runElectronegativity(root, scanTargets, installedElectronVersion());
    const verdict = judge(scan.findings, allowList);
    expect(summary(verdict.blocking)).toEqual([]);
    expect(scan.unparsed).toEqual([]);
    expect(verdict.stale.map((entry) => entry.check)).toEqual([]);
    // The built bundles are scanned too, and reported under their real names.
    expect(scan.findings.some((f) => f.file.startsWith('out/main/'))).toBe(true);
  });

  it('reports an insecure window, and the allow-list does not excuse it', async () => {
    const fixture = mkdtempSync(path.join(tmpdir(), 'hubdesk-eng-'));
    scratch.push(fixture);
    mkdirSync(path.join(fixture, 'main/app'), { recursive: true });
    writeFileSync(
      path.join(fixture, 'main/app/window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const window = new BrowserWindow({',
        '  webPreferences: {',
        '    nodeIntegration: true,',
        '    contextIsolation: false,',
        '  },',
        '});',
        '',
      ].join('\n'),
    );
    const scan = await runElectronegativity(fixture, ['main/app'], installedElectronVersion());
    const blocking = judge(scan.findings, allowList).blocking;
    expect(blocking).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'NODE_INTEGRATION_JS_CHECK', file: 'main/app/window.ts' }),
        expect.objectContaining({
          check: 'CONTEXT_ISOLATION_JS_CHECK',
          file: 'main/app/window.ts',
          line: 5,
        }),
      ]),
    );
  });
});

describe('the allow-list', () => {
  const finding = (overrides: Partial<Finding>): Finding => ({
    check: 'SANDBOX_JS_CHECK',
    file: 'main/app/window.ts',
    line: 5,
    column: 17,
    severity: 'MEDIUM',
    confidence: 'FIRM',
    sample: 'const window = new BrowserWindow({',
    description: '',
    ...overrides,
  });

  it('excuses a finding only in the files and on the lines it names', () => {
    const verdict = judge(
      [finding({}), finding({ file: 'main/app/other.ts' }), finding({ sample: 'sandbox: false,' })],
      allowList,
    );
    expect(verdict.allowed).toHaveLength(1);
    expect(verdict.blocking.map((f) => `${f.file} ${f.sample}`)).toEqual([
      'main/app/other.ts const window = new BrowserWindow({',
      'main/app/window.ts sandbox: false,',
    ]);
  });

  it('reports its entries that no longer match anything', () => {
    const verdict = judge([finding({})], allowList);
    expect(verdict.stale.map((entry) => entry.check)).not.toContain('SANDBOX_JS_CHECK');
    expect(verdict.stale.map((entry) => entry.check)).toContain('CSP_GLOBAL_CHECK');
  });

  it('gives a reason for every entry', () => {
    for (const entry of allowList) expect(entry.reason.length, entry.check).toBeGreaterThan(20);
  });
});
