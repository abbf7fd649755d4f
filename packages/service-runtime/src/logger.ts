import { pino, type Logger } from 'pino';

export type { Logger };

/** Lines wait for this many bytes, or for the next flush, and then leave in one write. */
const BUFFERED_BYTES = 8_192;
/** How long a line may wait in the buffer when the process is quiet. */
const FLUSH_EVERY_MS = 200;

/**
 * One JSON line per event, tagged with the service name so interleaved logs stay readable. Lines
 * are buffered and written asynchronously: under load, the lines of many requests leave in one
 * write instead of a blocking write each; pino flushes what is left when the process exits.
 */
export function createLogger(service: string, level: string): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFERED_BYTES });
  setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref();
  return pino(
    {
      level,
      base: { service },
      redact: { paths: ['req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
