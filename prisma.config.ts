import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI downloads a native schema engine before generate/validate/format, even though those
// never run it. Pointing it at a stub keeps `prisma generate` working offline; lib/db/migrations
// applies migrations itself and diffs schemas with the WASM engine.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/schema-engine-stub.sh");

const provider = process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite";

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
});
