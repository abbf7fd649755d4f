import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exitReportOf, reportedProblems } from '../../../test/support/configTesting.js';
import { loadConfig, logLevelSchema, portVariable, unsetIfEmpty } from '../src/loadConfig.js';

const schema = z.object({
  PORT: portVariable(4000),
  LOG_LEVEL: logLevelSchema,
  NAME: z.string().min(3, 'must be at least 3 characters'),
  NESTED: z.object({ KEY: z.string({ error: 'is required' }) }).optional(),
});

describe('loadConfig', () => {
  it('answers the parsed configuration', () => {
    expect(loadConfig('svc', schema, { PORT: '8080', NAME: 'ledger' })).toEqual({ PORT: 8080, LOG_LEVEL: 'info', NAME: 'ledger' });
  });

  it('reports every bad variable at once under the service’s name, then exits with status 1', () => {
    const report = exitReportOf(() => loadConfig('svc', schema, { PORT: '70000', LOG_LEVEL: 'loud', NAME: 'ab' }));
    expect(report.exitCode).toBe(1);
    expect(report.stderr.split('\n')[0]).toBe('svc: invalid configuration');
    expect(report.stderr.endsWith('\n')).toBe(true);
    expect(reportedProblems(report).map((line) => line.split(':')[0])).toEqual(['PORT', 'LOG_LEVEL', 'NAME']);
    expect(report.stderr).toContain('\n  NAME: must be at least 3 characters\n');
  });

  it('names a nested variable by its whole path', () => {
    const report = exitReportOf(() => loadConfig('svc', schema, { PORT: '1', NAME: 'ledger', NESTED: {} } as unknown as NodeJS.ProcessEnv));
    expect(reportedProblems(report)).toEqual(['NESTED.KEY: is required']);
  });
});

describe('portVariable', () => {
  it.each([
    ['0', 0],
    ['4000', 4000],
    ['65535', 65_535],
  ])('accepts the port %j', (text, port) => {
    expect(portVariable(4000).parse(text)).toBe(port);
  });

  it('falls back to its default when unset or empty', () => {
    expect(portVariable(4000).parse(undefined)).toBe(4000);
    expect(portVariable(4000).parse('')).toBe(4000);
  });

  it.each(['-1', '65536', '1.5', 'http'])('refuses the port %j', (text) => {
    expect(portVariable(4000).safeParse(text).success).toBe(false);
  });
});

describe('logLevelSchema', () => {
  it('defaults to info when unset or empty', () => {
    expect(logLevelSchema.parse(undefined)).toBe('info');
    expect(logLevelSchema.parse('')).toBe('info');
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts pino’s level %j', (level) => {
    expect(logLevelSchema.parse(level)).toBe(level);
  });

  it('refuses a level pino does not know', () => {
    expect(logLevelSchema.safeParse('verbose').success).toBe(false);
  });
});

describe('unsetIfEmpty', () => {
  it('reads an empty variable as unset and leaves any other value alone', () => {
    expect(unsetIfEmpty('')).toBeUndefined();
    expect(unsetIfEmpty(' ')).toBe(' ');
    expect(unsetIfEmpty('0')).toBe('0');
  });
});
