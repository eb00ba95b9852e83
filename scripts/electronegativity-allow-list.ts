/**
 * Electronegativity findings that are false positives for HubDesk, each with the reason and the
 * test that proves the real protection. An entry matches one check in the listed files only (and
 * only on lines like `sample`, when given); an entry that matches nothing fails the scan, so the
 * list cannot outlive the code it excuses.
 */
export interface AllowedFinding {
  check: string;
  /** Paths as reported, relative to the repository; `N/A` for checks about the whole app. */
  files: readonly string[];
  sample?: RegExp;
  reason: string;
}

const windowFiles = ['main/app/window.ts', 'out/main/index.js'];
// Only the line that opens the options: a value set to something insecure is reported on its own line.
const newWindow = /new BrowserWindow\(\{\s*$/;

export const allowList: readonly AllowedFinding[] = [
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    files: windowFiles,
    sample: newWindow,
    reason:
      'webPreferences come from secureWebPreferences(), which the scanner cannot follow; test/unit/security/web-preferences.test.ts proves every window gets contextIsolation.',
  },
  {
    check: 'SANDBOX_JS_CHECK',
    files: windowFiles,
    sample: newWindow,
    reason:
      'webPreferences come from secureWebPreferences(), which the scanner cannot follow; test/unit/security/web-preferences.test.ts proves every window is sandboxed.',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    files: windowFiles,
    sample: newWindow,
    reason:
      'a middle click can only open a window through setWindowOpenHandler, which denies them all (hardenWebContents; test/unit/app/security.test.ts).',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    files: ['N/A'],
    reason:
      'the CSP is a response header of the app:// protocol handler (main/app/protocol.ts), a place the scanner does not look; test/unit/app/protocol.test.ts checks it.',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    files: ['main/app/security.ts', 'out/main/index.js'],
    sample: /if \(isSafeExternalUrl\(url\)\)/,
    reason:
      'reviewed: only https links without credentials reach openExternal (isSafeExternalUrl; test/unit/app/security.test.ts).',
  },
  {
    check: 'ELECTRON_VERSION_JSON_CHECK',
    files: ['package.json'],
    reason:
      'informational, not a problem: it only reports the Electron version package.json asks for.',
  },
];
