// A logger whose lines the test can read, as a log collector would see them.
import { Writable } from 'node:stream';
import { pino } from 'pino';

export interface LogLine {
  msg: string;
  level: number;
  [field: string]: unknown;
}

export function capturedLog() {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}
