import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { providerPaths } from "../migrations/paths";
import { derivePostgresSchema } from "./derive-postgres-schema";

describe("the PostgreSQL schema", () => {
  it("is exactly what the SQLite schema derives to (run npm run db:derive-postgres-schema after a model change)", () => {
    const sqlite = readFileSync(providerPaths("sqlite").schemaPath, "utf8");
    const postgres = readFileSync(providerPaths("postgresql").schemaPath, "utf8");
    expect(postgres).toBe(derivePostgresSchema(sqlite));
  });

  it("switches the provider and the client folder and stores times as timestamptz", () => {
    const derived = derivePostgresSchema(
      [
        "// source comment",
        'generator client {\n  output = "../../lib/db/generated/sqlite"\n}',
        'datasource db {\n  provider = "sqlite"\n}',
        "model A {\n  at   DateTime  @default(now()) @map(\"at\")\n  seen DateTime?\n  name String\n}",
      ].join("\n"),
    );
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('"../../lib/db/generated/postgresql"');
    expect(derived).toContain('at   DateTime  @default(now()) @map("at") @db.Timestamptz(3)');
    expect(derived).toContain("seen DateTime? @db.Timestamptz(3)");
    expect(derived).toContain("name String\n");
    expect(derived).not.toContain("source comment");
  });

  it("refuses a source it does not recognise rather than writing a SQLite schema under the PostgreSQL name", () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}')).toThrow(/no longer contains/);
  });
});
