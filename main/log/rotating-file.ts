/**
 * The log file: appended synchronously (a line is on disk before the next statement runs, so a
 * crash loses nothing already logged) and rotated by size, keeping the current file and one
 * previous (`hubdesk.log` and `hubdesk.log.1`), so logs never grow past twice the cap.
 */
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface LogFiles {
  current: string;
  previous: string;
}

/** Where the logs of one data folder live. */
export function logFiles(dataDir: string): LogFiles {
  const current = path.join(dataDir, 'logs', 'hubdesk.log');
  return { current, previous: `${current}.1` };
}

export const defaultMaxLogBytes = 5 * 1024 * 1024;

export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    private readonly files: LogFiles,
    private readonly maxBytes: number = defaultMaxLogBytes,
  ) {
    mkdirSync(path.dirname(files.current), { recursive: true });
    this.fd = openSync(files.current, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  write(chunk: string): void {
    const bytes = Buffer.byteLength(chunk);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd, chunk);
    this.size += bytes;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    renameSync(this.files.current, this.files.previous);
    this.fd = openSync(this.files.current, 'a', 0o600);
    this.size = 0;
  }
}
