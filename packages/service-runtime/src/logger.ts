import { pino, type Logger } from 'pino';

export type { Logger };

/** One JSON line per event, tagged with the service name so interleaved logs stay readable. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: ['req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
