/**
 * The main process's logger: pino, one JSON line per record, to `<dataDir>/logs/hubdesk.log`
 * (rotated by size) and, in development, to stderr too. Every line is scrubbed just before it is
 * written, whatever path it took (message, merged object, child bindings, serialized error), so a
 * token, password or client secret never reaches a log, at any depth of any logged object.
 */
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { logFiles, RotatingFile } from './rotating-file';
import { scrubLogLine } from './scrub';

export type { Logger } from 'pino';

export interface LoggerOptions {
  dataDir: string;
  level?: Level;
  /** Also write to stderr (development). */
  stderr?: boolean;
  /** Rotate past this size; 5 MB unless a test needs it smaller. */
  maxFileBytes?: number;
}

export interface FileLogger {
  logger: Logger;
  /** Closes the log file; the logger must not be used after. */
  close(): void;
}

export function createLogger(options: LoggerOptions): FileLogger {
  const level = options.level ?? 'info';
  const file = new RotatingFile(logFiles(options.dataDir), options.maxFileBytes);
  const destination: DestinationStream = options.stderr
    ? pino.multistream([
        { level, stream: file },
        { level, stream: process.stderr },
      ])
    : file;
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: scrubLogLine },
    },
    destination,
  );
  return { logger, close: () => file.close() };
}
