// The server the end-to-end suite runs against: a fresh database with demo data, the production
// build, and a worker, all on their own port and data folder.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { E2E_DATA_DIR, E2E_ENV, E2E_PORT } from "../e2e/server-env";
import { databaseProvider } from "../lib/config/env";
import { dropPostgresDatabase } from "../test-support/postgres-test-databases";
import { startChildGroup } from "../lib/process/child-group";

const env = { ...process.env, ...E2E_ENV };
if (!E2E_ENV.DATABASE_URL.startsWith("file:./e2e/") && !/@(localhost|127\.0\.0\.1)[:/]/.test(E2E_ENV.DATABASE_URL)) {
  throw new Error("Refusing to reset a database that is not local");
}
rmSync(E2E_DATA_DIR, { recursive: true, force: true });
if (databaseProvider(E2E_ENV.DATABASE_URL) === "postgresql") {
  const url = new URL(E2E_ENV.DATABASE_URL);
  await dropPostgresDatabase(E2E_ENV.DATABASE_URL, decodeURIComponent(url.pathname.slice(1)));
}

for (const script of ["scripts/db-migrate.ts", "scripts/seed.ts"]) {
  const result = spawnSync("npx", ["tsx", script], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const bin = (name: string) => `node_modules/.bin/${name}`;
const group = startChildGroup([
  { command: bin("tsx"), args: ["scripts/web.ts", "--hostname", "127.0.0.1", "--port", String(E2E_PORT)], env },
  ...(existsSync("scripts/worker.ts")
    ? [{ command: bin("tsx"), args: ["scripts/worker.ts"], env: { ...env, WORKER_POLL_INTERVAL_MS: "200" } }]
    : []),
]);
process.on("SIGINT", () => group.stop("SIGTERM"));
process.on("SIGTERM", () => group.stop("SIGTERM"));
process.exitCode = await group.exited;
