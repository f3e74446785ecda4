// The server the end-to-end suite runs against: a fresh database with demo data, the production
// build, and a worker, all on their own port and data folder.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { E2E_DATA_DIR, E2E_ENV, E2E_PORT } from "../e2e/server-env";

const env = { ...process.env, ...E2E_ENV };
if (!E2E_ENV.DATABASE_URL.startsWith("file:./e2e/") && !/@(localhost|127\.0\.0\.1)[:/]/.test(E2E_ENV.DATABASE_URL)) {
  throw new Error("Refusing to reset a database that is not local");
}
rmSync(E2E_DATA_DIR, { recursive: true, force: true });

for (const script of ["scripts/db-migrate.ts", "scripts/seed.ts"]) {
  const result = spawnSync("npx", ["tsx", script], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Each child leads its own process group, so stopping it also stops what npx started under it.
const children: ChildProcess[] = [
  spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(E2E_PORT)], { stdio: "inherit", env, detached: true }),
];
if (existsSync("scripts/worker.ts")) {
  children.push(
    spawn("npx", ["tsx", "scripts/worker.ts"], { stdio: "inherit", env: { ...env, WORKER_POLL_INTERVAL_MS: "200" }, detached: true }),
  );
}
const stop = () => {
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
