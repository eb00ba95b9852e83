export type ElectronBinary = { path: string } | { path: null; reason: string };
export function findElectronBinary(): ElectronBinary;
export function electronInstallScript(): string;
