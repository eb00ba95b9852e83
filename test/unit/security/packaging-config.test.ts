import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultConfigFile,
  loadBuilderConfig,
  validateBuilderConfig,
} from '../../../scripts/validate-builder-config.mjs';
import { mustRefuse, signingPlan } from '../../../build/signing-check.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const validator = path.join(root, 'scripts/validate-builder-config.mjs');

interface BuilderConfig {
  beforePack: string;
  files: string[];
  asar?: boolean;
  asarUnpack: string[];
  npmRebuild?: boolean;
  icon: string;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: {
    target: string[];
    signtoolOptions: { publisherName: string[] };
    verifyUpdateCodeSignature?: boolean;
  };
  mac: { target: string[]; hardenedRuntime: boolean; notarize: boolean };
  publish: { provider: string; url: string };
}

const config = loadBuilderConfig(defaultConfigFile).config as BuilderConfig;

let scratch: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

/** Width and height from a PNG's IHDR chunk, and whether it has an alpha channel. */
function pngSize(file: string) {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), alpha: bytes[25] === 6 };
}

describe('electron-builder.yml', () => {
  it('matches electron-builder’s own schema', () => {
    expect(validateBuilderConfig(config)).toEqual([]);
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into an asar, rebuilds native modules and unpacks them with the store worker', () => {
    expect(config.asar).not.toBe(false);
    expect(config.npmRebuild).not.toBe(false);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'out/main/store-worker.js',
        'out/main/chunks/**',
        '**/node_modules/better-sqlite3/**',
        '**/node_modules/keytar/**',
      ]),
    );
    expect(config.files).toContain('out/**');
    // The main bundle itself stays inside the archive the integrity fuse checks.
    expect(config.asarUnpack).not.toContain('out/main/**');
  });

  it('builds AppImage and deb, NSIS, and a dmg with the zip macOS auto-update needs', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
  });

  it('names the Windows publisher, so electron-updater checks an update’s signature', () => {
    expect(config.win.signtoolOptions.publisherName).toEqual([expect.stringMatching(/\S/)]);
    expect(config.win.verifyUpdateCodeSignature).not.toBe(false);
  });

  it('signs macOS builds with the hardened runtime and notarizes them', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
  });

  it('runs the signing check before packing', () => {
    expect(config.beforePack).toBe('./build/signing-check.mjs');
  });

  it('leaves the browser host’s WebSocket library out of the installer', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; dependencies?: Record<string, string> }>;
    };
    expect(pkg.dependencies).not.toHaveProperty('ws');
    expect(pkg.devDependencies).toHaveProperty('ws');
    // npm ci installs from the lock: it must agree that ws is for development only.
    expect(lock.packages['']?.dependencies).not.toHaveProperty('ws');
    expect(lock.packages['node_modules/ws']?.dev).toBe(true);
    expect(config.files).toEqual(
      expect.arrayContaining(['!**/node_modules/ws/**', '!out/**/host/**']),
    );
  });

  it('publishes update files for a generic feed', () => {
    expect(config.publish.provider).toBe('generic');
    expect(config.publish.url).toMatch(/^https:\/\//);
  });

  it('has the icons it names, large enough for every platform', () => {
    expect(pngSize(path.join(root, config.icon))).toMatchObject({
      width: 1024,
      height: 1024,
      alpha: true,
    });
    for (const size of [512, 256]) {
      expect(pngSize(path.join(root, config.linux.icon, `${size}x${size}.png`))).toMatchObject({
        width: size,
        height: size,
      });
    }
  });
});

describe('the signing check before packing', () => {
  const windowsCertificate = { CSC_LINK: 'file:///certs/hubdesk.pfx' };
  const macCertificate = { CSC_NAME: 'Developer ID Application: HubDesk' };
  const notary = { APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K1', APPLE_API_ISSUER: 'I1' };

  it('says plainly when a Windows or macOS build is unsigned', () => {
    expect(signingPlan('win32', {})).toMatchObject({
      signed: false,
      lines: [expect.stringContaining('UNSIGNED build'), expect.any(String)],
    });
    expect(signingPlan('darwin', {})).toMatchObject({
      signed: false,
      lines: [expect.stringContaining('UNSIGNED build'), expect.any(String)],
    });
  });

  it('signs from the certificate in the environment, and notarizes only with Apple credentials', () => {
    expect(signingPlan('win32', windowsCertificate)).toMatchObject({ signed: true });
    expect(signingPlan('darwin', macCertificate)).toMatchObject({
      signed: true,
      notarized: false,
      lines: [expect.stringContaining('NOT notarized'), expect.any(String)],
    });
    expect(signingPlan('darwin', { ...macCertificate, ...notary })).toMatchObject({
      signed: true,
      notarized: true,
    });
    expect(signingPlan('win32', { CSC_LINK: '  ' })).toMatchObject({ signed: false });
  });

  it('refuses an unsigned release build only when signing is required', () => {
    const required = { HUBDESK_REQUIRE_SIGNING: '1' };
    const refuses = (platform: string, env: Record<string, string>) =>
      mustRefuse(platform, env, signingPlan(platform, env));
    expect(refuses('win32', required)).toBe(true);
    expect(refuses('win32', {})).toBe(false);
    expect(refuses('win32', { ...required, ...windowsCertificate })).toBe(false);
    expect(refuses('darwin', { ...required, ...macCertificate })).toBe(true);
    expect(refuses('darwin', { ...required, ...macCertificate, ...notary })).toBe(false);
    expect(refuses('linux', required)).toBe(false);
  });

  it('tells a Linux build what its updates trust', () => {
    expect(signingPlan('linux', {}).lines.join(' ')).toMatch(/sha512.*latest-linux\.yml.*https/);
  });
});

describe('the configuration validator', () => {
  const problems = (yaml: string) => {
    scratch = mkdtempSync(path.join(tmpdir(), 'hubdesk-builder-'));
    const file = path.join(scratch, 'electron-builder.yml');
    writeFileSync(file, yaml);
    const loaded = loadBuilderConfig(file);
    return loaded.problems.length > 0 ? loaded.problems : validateBuilderConfig(loaded.config);
  };

  it('names a misspelt option', () => {
    expect(problems('appId: x\nelectronFuses:\n  runAsNod: false\nlinux:\n  icn: build\n')).toEqual(
      [
        "configuration.electronFuses has an unknown option 'runAsNod'",
        "configuration.linux has an unknown option 'icn'",
      ],
    );
  });

  it('says what a wrong or missing value should be', () => {
    const found = problems(
      'mac:\n  target: dmgg\npublish:\n  provider: generic\nnsis:\n  oneClick: sometimes\n',
    );
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^configuration\.mac\.target must be one of .*"dmg"/),
        "configuration.publish needs the option 'url'",
        'configuration.nsis.oneClick must be boolean',
      ]),
    );
  });

  it('names the providers when the publish provider is none of them', () => {
    expect(problems('publish:\n  provider: generc\n  url: https://x.example/\n')).toEqual([
      expect.stringMatching(/^configuration\.publish\.provider must be one of .*"generic"/),
    ]);
  });

  it('reports YAML that does not parse', () => {
    expect(problems('linux: [\n')).toEqual([expect.stringContaining('is not valid YAML')]);
  });

  it('fails the CI step with one line per problem', () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'hubdesk-builder-'));
    const file = path.join(scratch, 'electron-builder.yml');
    writeFileSync(file, 'electronFuses:\n  runAsNode: maybe\n');
    const result = spawnSync(process.execPath, [validator, file], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("does not match electron-builder's schema");
    expect(result.stderr).toContain('  - configuration.electronFuses.runAsNode must be boolean');
  });
});
