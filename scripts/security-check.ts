/**
 * `npx tsx scripts/security-check.ts`: Electronegativity over the Electron glue, the preload, the
 * built bundles and the renderer's page, offline; fails on any finding the allow-list does not
 * excuse, on any file it could not parse, and on allow-list entries that match nothing.
 *
 * Electronegativity's command line cannot run offline: it downloads translations and Electron's
 * release list on every start, and the download's retry crashes the process after its timeout.
 * So this script calls its runner directly, with the Electron version pinned (its `-e`), the one
 * check that needs the network left out (`AvailableSecurityFixesGlobalCheck`: Electron's version
 * is kept current by the dependency updates instead), and its HTTP client answering "offline" at
 * once, so the bundled English texts are used. The findings come back as data, so there is no
 * report file to parse.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allowList, type AllowedFinding } from './electronegativity-allow-list';

/** What is scanned, relative to the repository. The renderer's bundle is left out: it is a
 * sandboxed page with no Electron API, and the scanner's parser cannot read its class fields. */
export const scanTargets = [
  'package.json',
  'main/app',
  'preload',
  'out/main',
  'out/preload',
  'out/renderer/index.html',
] as const;

const builtBundles = ['out/main/index.js', 'out/preload/index.cjs'];

const networkChecks = ['availablesecurityfixesglobalcheck'];

export interface Finding {
  check: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  sample: string;
  description: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files the scanner could not parse: unscanned code, which fails the check too. */
  unparsed: Array<{ file: string; message: string }>;
}

interface RunnerIssue {
  id: string;
  file: string;
  sample?: string;
  description: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
}

type Runner = (options: Record<string, unknown>) => Promise<{
  issues: RunnerIssue[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
}>;

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = path.join(repositoryRoot, 'node_modules/@doyensec/electronegativity');

function loadOfflineRunner(): Runner {
  const requireFromTool = createRequire(path.join(toolDir, 'dist/locales/i18n.js'));
  const gotPath = requireFromTool.resolve('got');
  if (!requireFromTool.cache[gotPath]) {
    const offline = new (requireFromTool('node:module') as typeof import('node:module'))(gotPath);
    offline.filename = gotPath;
    offline.loaded = true;
    offline.exports = () =>
      Promise.reject(new Error('offline: the security check uses no network'));
    requireFromTool.cache[gotPath] = offline;
  }
  return requireFromTool(path.join(toolDir, 'dist/runner.js')) as Runner;
}

/** The Electron version the app is built with, read from the installed `electron` package. */
export function installedElectronVersion(): string {
  const manifest = path.join(repositoryRoot, 'node_modules/electron/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const scannedExtensions = new Set(['.js', '.ts', '.html', '.json']);

/**
 * Copies the targets into one folder, so the scanner's whole-app checks (navigation limits,
 * permission handler, CSP) see the glue and the preload together. `.cjs` files get a `.js` suffix:
 * the scanner reads only `.js`. Answers staged path -> repository path.
 */
function stage(root: string, targets: readonly string[], into: string): Map<string, string> {
  const staged = new Map<string, string>();
  const copy = (relative: string) => {
    const source = path.join(root, relative);
    if (statSync(source).isDirectory()) {
      for (const entry of readdirSync(source)) copy(path.join(relative, entry));
      return;
    }
    const extension = path.extname(relative);
    const stagedName = extension === '.cjs' || extension === '.mjs' ? `${relative}.js` : relative;
    if (!scannedExtensions.has(path.extname(stagedName))) return;
    const destination = path.join(into, stagedName);
    mkdirSync(path.dirname(destination), { recursive: true });
    copyFileSync(source, destination);
    staged.set(stagedName.split(path.sep).join('/'), relative.split(path.sep).join('/'));
  };
  for (const target of targets) if (existsSync(path.join(root, target))) copy(target);
  return staged;
}

/** Scans `targets` (paths relative to `root`); findings name files relative to `root`. */
export async function runElectronegativity(
  root: string,
  targets: readonly string[],
  electronVersion: string,
): Promise<ScanResult> {
  const stagingDir = mkdtempSync(path.join(tmpdir(), 'hubdesk-electronegativity-'));
  try {
    const staged = stage(root, targets, stagingDir);
    const original = (file: string) => {
      const relative = path.isAbsolute(file) ? path.relative(stagingDir, file) : file;
      const key = relative.split(path.sep).join('/');
      return staged.get(key) ?? key;
    };
    const run = loadOfflineRunner();
    const result = await run({
      input: stagingDir,
      isRelative: true,
      electronVersionOverride: electronVersion,
      customScan: [],
      excludeFromScan: networkChecks,
      parserPlugins: [],
    });
    return {
      findings: result.issues.map((issue) => ({
        check: issue.id,
        file: original(issue.file),
        line: issue.location.line,
        column: issue.location.column,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        sample: (issue.sample ?? '').trim(),
        description: issue.description,
      })),
      unparsed: result.errors
        .filter((error) => !error.tolerable)
        .map((error) => ({ file: original(error.file), message: error.message })),
    };
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
  }
}

export interface Verdict {
  blocking: Finding[];
  allowed: Array<{ finding: Finding; reason: string }>;
  stale: AllowedFinding[];
}

function excuses(entry: AllowedFinding, finding: Finding): boolean {
  return (
    entry.check === finding.check &&
    entry.files.includes(finding.file) &&
    (entry.sample === undefined || entry.sample.test(finding.sample))
  );
}

export function judge(findings: readonly Finding[], entries: readonly AllowedFinding[]): Verdict {
  const verdict: Verdict = { blocking: [], allowed: [], stale: [] };
  const used = new Set<AllowedFinding>();
  for (const finding of findings) {
    const entry = entries.find((candidate) => excuses(candidate, finding));
    if (entry) {
      used.add(entry);
      verdict.allowed.push({ finding, reason: entry.reason });
    } else {
      verdict.blocking.push(finding);
    }
  }
  verdict.stale = entries.filter((entry) => !used.has(entry));
  return verdict;
}

const describe = (finding: Finding) =>
  `${finding.check} ${finding.file}:${finding.line}:${finding.column} (${finding.severity}, ${finding.confidence}) ${finding.description}${finding.sample ? `\n      ${finding.sample}` : ''}`;

async function main(): Promise<number> {
  const root = repositoryRoot;
  const missing = builtBundles.filter((bundle) => !existsSync(path.join(root, bundle)));
  if (missing.length > 0) {
    console.error(`security check: ${missing.join(', ')} missing; run \`npm run build\` first.`);
    return 1;
  }
  const electronVersion = installedElectronVersion();
  const scan = await runElectronegativity(root, scanTargets, electronVersion);
  const verdict = judge(scan.findings, allowList);

  console.log(`Electronegativity, Electron ${electronVersion}: ${scanTargets.join(', ')}`);
  for (const { finding, reason } of verdict.allowed) {
    console.log(`  allowed  ${finding.check} ${finding.file}: ${reason}`);
  }
  for (const finding of verdict.blocking) console.error(`  FINDING  ${describe(finding)}`);
  for (const { file, message } of scan.unparsed) console.error(`  UNPARSED ${file}: ${message}`);
  for (const entry of verdict.stale) {
    console.error(
      `  STALE    allow-list entry ${entry.check} (${entry.files.join(', ')}) matches nothing: remove it`,
    );
  }
  const failures = verdict.blocking.length + scan.unparsed.length + verdict.stale.length;
  console.log(
    failures === 0
      ? `security check: clean (${verdict.allowed.length} allowed false positives)`
      : `security check: ${failures} problem(s)`,
  );
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('security check failed to run:', error);
      process.exit(1);
    },
  );
}
