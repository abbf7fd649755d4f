// Opens Prisma's schema engine (the part behind `prisma migrate`) from its WebAssembly build,
// driven through a driver adapter, so migrations need neither the native engine nor a download.
//
// The package's own entry imports the .wasm file as an ES module, which Node 20 only allows
// behind --experimental-wasm-modules. We instantiate the same file ourselves and hand it to the
// generated bindings, as that entry does, so plain `tsx` and vitest work.
// Not a Prisma bug: Node unflagged Wasm ES modules in 22.19 and 24.5 (https://github.com/nodejs/node/pull/57038).
// Delete loadEngineWasm and import '@prisma/schema-engine-wasm' itself once engines.node is >= 22.19 (now >= 20.19).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type { SchemaEngine };

// Node has WebAssembly at run time; its types come with lib.dom, which this project leaves out.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: object } }>;
};

/**
 * The engine reports a Rust panic's message through this global before it throws "unreachable";
 * without it the panic surfaces as "Cannot read properties of undefined (reading 'set_message')"
 * and its message is lost.
 */
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } }).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (message) => process.stderr.write(`Prisma schema engine panicked: ${message}\n`),
};

/**
 * The bindings module is Node's one copy, but this file can be loaded more than once in a process
 * (vitest loads each global set-up on its own): a second instantiation would swap the WebAssembly
 * memory under an engine that is running. So the one instantiation is kept process-wide.
 */
const loadedKey = Symbol.for('ledgerline.schemaEngineWasm');
const processWide = globalThis as { [loadedKey]?: Promise<void> };

function loadEngineWasm(): Promise<void> {
  processWide[loadedKey] ??= (async () => {
    // The .wasm file is not in the package's exports; it sits beside the bindings.
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasm = await readFile(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(wasm, {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return processWide[loadedKey];
}

interface EngineLogLine {
  level?: string;
  fields?: { message?: unknown };
}

/**
 * The engine logs JSON lines and narrates at INFO ("Starting schema-engine-wasm", "Analysis run
 * in 0ms"); pass on what someone migrating wants to read: which migration is being applied, and
 * warnings and errors.
 */
function forwardEngineLog(line: string, log: (message: string) => void): void {
  let parsed: EngineLogLine;
  try {
    parsed = JSON.parse(line) as EngineLogLine;
  } catch {
    log(line);
    return;
  }
  const message = typeof parsed.fields?.message === 'string' ? parsed.fields.message : line;
  if (parsed.level === 'INFO' && !message.startsWith('Applying')) return;
  log(message);
}

export async function openSchemaEngine(options: {
  schemaFile: { path: string; content: string };
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  log?: (message: string) => void;
}): Promise<SchemaEngine> {
  await loadEngineWasm();
  const log = options.log ?? (() => {});
  return bindings.SchemaEngine.new(
    { datamodels: [[options.schemaFile.path, options.schemaFile.content]] },
    (line: string) => forwardEngineLog(line, log),
    bindMigrationAwareSqlAdapterFactory(options.adapterFactory),
  );
}
