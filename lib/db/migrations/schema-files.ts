import { existsSync, readFileSync } from "node:fs";
import type { SchemaContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";

export function readSchemaFiles(schemaPath: string): SchemaContainer[] {
  if (!existsSync(schemaPath)) throw new Error(`Schema file ${schemaPath} does not exist`);
  return [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }];
}
