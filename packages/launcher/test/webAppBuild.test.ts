import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webAppBuildStaleness } from '../src/webAppBuild.js';

const BUILT_AT = new Date('2026-03-01T12:00:00Z');
const EARLIER = new Date('2026-03-01T11:00:00Z');
const LATER = new Date('2026-03-01T13:00:00Z');

/** A folder with a build and two sources, all written at `EARLIER` unless changed after. */
function appFolder() {
  const root = mkdtempSync(join(tmpdir(), 'ledgerline-web-app-build-'));
  const file = (path: string, at: Date) => {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, 'x');
    utimesSync(full, at, at);
    return full;
  };
  const index = file('dist/index.html', BUILT_AT);
  file('src/pages/Deep.tsx', EARLIER);
  const html = file('index.html', EARLIER);
  return { index, sources: [join(root, 'src'), html, join(root, 'generated-later')], file };
}

describe('whether npm start rebuilds the web app', () => {
  it('keeps a build newer than every source', () => {
    const { index, sources } = appFolder();
    expect(webAppBuildStaleness(index, sources)).toBeNull();
  });

  it('builds when there is no build', () => {
    const { sources } = appFolder();
    expect(webAppBuildStaleness('/nowhere/dist/index.html', sources)).toBe('no build yet');
  });

  it('builds when a file deep in a source folder changed after the build, and names it', () => {
    const { index, sources, file } = appFolder();
    file('src/pages/Deep.tsx', LATER);
    expect(webAppBuildStaleness(index, sources)).toMatch(/src\/pages\/Deep\.tsx changed since the last build$/);
  });

  it('builds when a single source file changed, or one appeared in a folder that was missing', () => {
    const first = appFolder();
    first.file('index.html', LATER);
    expect(webAppBuildStaleness(first.index, first.sources)).toMatch(/index\.html changed since the last build$/);

    const second = appFolder();
    second.file('generated-later/graphql.ts', LATER);
    expect(webAppBuildStaleness(second.index, second.sources)).toMatch(/generated-later\/graphql\.ts changed/);
  });
});
