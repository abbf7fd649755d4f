import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exitReportOf, freshDataDir, reportedProblems } from '../../../test/support/configTesting.js';
import { readConfig } from '../src/config.js';

const JWT_SECRET = 'j'.repeat(32);
const SECRET_REQUIRED =
  'required: set it (openssl rand -base64 32), or pass --dev-secrets (npm start does) to generate development secrets in the data directory';
const ignoreWarnings = () => undefined;

describe('launcher configuration', () => {
  it('refuses to start without the secrets unless told to generate them, naming each and how to get one', () => {
    const dataDir = freshDataDir();
    const report = exitReportOf(() => readConfig({ LEDGERLINE_DATA_DIR: dataDir, JWT_SECRET }, [], ignoreWarnings));
    expect(report.exitCode).toBe(1);
    expect(report.stderr.split('\n')[0]).toBe('launcher: invalid configuration');
    expect(reportedProblems(report)).toEqual([`ROUTER_SIGNING_SECRET: ${SECRET_REQUIRED}`, `SERVICE_SIGNING_SECRET: ${SECRET_REQUIRED}`]);
    expect(() => readFileSync(join(dataDir, 'dev-secrets.json'))).toThrow(/ENOENT/);
  });

  it('with --dev-secrets, generates the missing secrets once, keeps them in the data directory and warns of each', () => {
    const dataDir = freshDataDir();
    const warn = vi.fn();
    const first = readConfig({ LEDGERLINE_DATA_DIR: dataDir }, ['--dev-secrets'], warn);
    const again = readConfig({ LEDGERLINE_DATA_DIR: dataDir }, ['--dev-secrets'], ignoreWarnings);

    expect(again.secrets).toEqual(first.secrets);
    expect(new Set(Object.values(first.secrets)).size).toBe(3);
    for (const secret of Object.values(first.secrets)) expect(secret.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'dev-secrets.json');
    expect(Object.values(JSON.parse(readFileSync(file, 'utf8')) as object).sort()).toEqual(Object.values(first.secrets).sort());
    expect(warn.mock.calls.map(([message]) => message)).toEqual(
      ['JWT_SECRET', 'ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET'].map(
        (name) => `${name} is not set: using a generated development secret from ${file}. Set it in production.`,
      ),
    );
  });

  it('with --dev-secrets, uses a secret the environment gives over a generated one', () => {
    const dataDir = freshDataDir();
    const generated = readConfig({ LEDGERLINE_DATA_DIR: dataDir }, ['--dev-secrets'], ignoreWarnings).secrets;
    const warn = vi.fn();

    const given = readConfig({ LEDGERLINE_DATA_DIR: dataDir, JWT_SECRET }, ['--dev-secrets'], warn).secrets;

    expect(given).toEqual({ ...generated, JWT_SECRET });
    expect(warn.mock.calls.map(([message]) => String(message).split(' ')[0])).toEqual(['ROUTER_SIGNING_SECRET', 'SERVICE_SIGNING_SECRET']);
  });

  it('generates nothing when the environment gives every secret, with or without --dev-secrets', () => {
    const dataDir = freshDataDir();
    const env = { LEDGERLINE_DATA_DIR: dataDir, JWT_SECRET, ROUTER_SIGNING_SECRET: 's'.repeat(32), SERVICE_SIGNING_SECRET: 'g'.repeat(32) };
    const warn = vi.fn();
    for (const args of [[], ['--dev-secrets']]) {
      expect(readConfig(env, args, warn).secrets).toEqual({
        JWT_SECRET,
        ROUTER_SIGNING_SECRET: 's'.repeat(32),
        SERVICE_SIGNING_SECRET: 'g'.repeat(32),
      });
    }
    expect(warn).not.toHaveBeenCalled();
    expect(() => readFileSync(join(dataDir, 'dev-secrets.json'))).toThrow(/ENOENT/);
  });

  it('refuses an argument it does not know, and exits with status 1', () => {
    const report = exitReportOf(() => readConfig({ LEDGERLINE_DATA_DIR: freshDataDir() }, ['--dev-secret'], ignoreWarnings));
    expect(report.exitCode).toBe(1);
    expect(report.stderr).toContain("Unknown option '--dev-secret'");
  });
});
