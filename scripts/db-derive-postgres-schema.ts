// Writes prisma/postgresql/schema.prisma from prisma/sqlite/schema.prisma.
// After a model change: edit the SQLite schema, run this, then create a migration for each provider.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { derivePostgresSchema } from "../lib/db/schema-derivation/derive-postgres-schema";
import { providerPaths } from "../lib/db/migrations/paths";

const source = providerPaths("sqlite").schemaPath;
const target = providerPaths("postgresql").schemaPath;
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, derivePostgresSchema(readFileSync(source, "utf8")));
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
