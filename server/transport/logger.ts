/**
 * Structured logs for the live server: one pino logger, JSON lines on stdout (one object per event, with
 * `level`, `time`, `msg` and context fields), so a log shipper or `pino-pretty` can read them.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type LogLevel = LevelWithSilent;
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ name: 'heattwin', level, base: { pid: process.pid } });
}

export type { Logger };
