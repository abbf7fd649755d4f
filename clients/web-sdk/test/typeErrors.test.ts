// The point of a typed SDK: SPA code that reads a field the query did not ask for, or passes
// wrong or no variables, does not compile. The fixture is compiled with the TypeScript API.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const fixtureConfig = fileURLToPath(new URL('./fixtures/tsconfig.json', import.meta.url));

function typeErrorsOf(configPath: string): { file: string; line: number; message: string }[] {
  const { config } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, fileURLToPath(new URL('./fixtures/', import.meta.url)));
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
    file: diagnostic.file?.fileName.split('/').pop() ?? '',
    line: diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  }));
}

describe('web SDK types', () => {
  it('reject reading a field the query does not select, and wrong or missing variables', { timeout: 60_000 }, () => {
    expect(typeErrorsOf(fixtureConfig)).toEqual([
      { file: 'wrong-field.ts', line: 6, message: expect.stringContaining("Type 'number' is not assignable to type 'string'") },
      { file: 'wrong-field.ts', line: 7, message: expect.stringContaining('Expected 2-3 arguments, but got 1') },
      { file: 'wrong-field.ts', line: 9, message: expect.stringContaining("Property 'nett' does not exist on type") },
    ]);
  });
});
