import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { createMigrationAdapterFactory } from "./adapter-factory";
import { withCapturedCause } from "./engine-errors";
import type { MigrationProvider } from "./provider";

export type { SchemaEngine };

let instantiated = false;

/**
 * Node 20 cannot import the package's main entry (it imports the .wasm file directly), so the
 * module is compiled here and handed to the JS glue, once per process.
 */
function instantiateSchemaEngineWasm(): void {
  if (instantiated) return;
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmModule = new WebAssembly.Module(readFileSync(gluePath.replace(/\.js$/, ".wasm")));
  const instance = new WebAssembly.Instance(wasmModule, {
    "./schema_engine_bg.js": { ...glue } as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  instantiated = true;
}

export interface SchemaEngineOptions {
  provider: MigrationProvider;
  url: string;
  /** Schema files the engine validates against. */
  schemaFiles: SchemaContainer[];
  log?: (message: string) => void;
}

/** Runs `work` with an engine connected to `url`, then frees it and closes its connections. */
export async function withSchemaEngine<T>(
  options: SchemaEngineOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  instantiateSchemaEngineWasm();
  const adapters = createMigrationAdapterFactory(options.provider, options.url);
  const boundFactory = bindMigrationAwareSqlAdapterFactory(adapters.factory);
  let engine: SchemaEngine | undefined;
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: options.schemaFiles.map((file): [string, string] => [file.path, file.content]) },
      (line: string) => forwardEngineLog(line, options.log),
      boundFactory,
    );
    outcome = { ok: true, value: await work(engine) };
  } catch (error) {
    outcome = { ok: false, error: withCapturedCause(error, boundFactory.errorRegistry) };
  }

  engine?.free();
  // A failure to close connections must not hide the failure that came before it.
  let closeFailure: { error: unknown } | undefined;
  await adapters.disposeAll().catch((error: unknown) => {
    closeFailure = { error };
  });
  if (!outcome.ok) throw outcome.error;
  if (closeFailure) throw closeFailure.error;
  return outcome.value;
}

// The engine logs JSON lines; only warnings and errors are worth showing to whoever migrates.
function forwardEngineLog(line: string, log: ((message: string) => void) | undefined): void {
  if (!log) return;
  try {
    const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } };
    if (entry.level === "WARN" || entry.level === "ERROR") {
      log(`schema engine ${entry.level.toLowerCase()}: ${entry.fields?.message ?? line}`);
    }
  } catch {
    log(`schema engine: ${line}`);
  }
}
