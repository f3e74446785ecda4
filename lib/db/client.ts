import path from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaClient } from "./generated/sqlite/client";
import { databaseProvider, readEnv } from "../config/env";
import { createPostgresClient } from "./postgres/postgres-client";
import { sqliteAdapter } from "./sqlite-adapter";

// Both generated clients have the same models and methods; the SQLite one names the type.
export type Db = PrismaClient;

// One client per process: Next.js re-evaluates modules in development, so the instance lives
// on globalThis rather than in module scope.
const holder = globalThis as unknown as { __automationDb?: Db };

export function getDb(): Db {
  holder.__automationDb ??= createDb(readEnv().DATABASE_URL);
  return holder.__automationDb;
}

export function createDb(url: string): Db {
  if (databaseProvider(url) === "postgresql") return createPostgresClient(url) as unknown as Db;
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new PrismaClient({ adapter: sqliteAdapter(url) });
}

export async function disconnectDb(): Promise<void> {
  await holder.__automationDb?.$disconnect();
  holder.__automationDb = undefined;
}
