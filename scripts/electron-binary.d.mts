export type ElectronBinary = { path: string } | { path: null; reason: string };
export function findElectronBinary(): ElectronBinary;
export function electronInstallScript(): string;
export type ElectronInstall = { ok: true } | { ok: false; detail: string };
export function installElectronQuietly(script?: string): ElectronInstall;
