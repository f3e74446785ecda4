// Runs the web app and its workers together: migrate DATABASE_URL (the embedded SQLite file by
// default, or PostgreSQL), seed the demo data unless SEED_DEMO_DATA=false, build once if there is
// no build yet, then start the web app and WORKERS worker processes (1 by default) and stop them
// all on Ctrl-C.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { startChildGroup } from "../lib/process/child-group";
import { WORKER_NODE_FLAGS } from "../lib/worker/worker-node-flags";

const port = process.env.PORT ?? "3000";
const workers = Number(process.env.WORKERS ?? "1");
if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
  console.error("WORKERS must be a whole number from 0 to 64");
  process.exit(2);
}
const seedDemoData = process.env.SEED_DEMO_DATA !== "false";
const bin = (name: string) => `node_modules/.bin/${name}`;

function runStep(label: string, command: string, args: string[]): void {
  console.log(`▸ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

runStep("Migrating the database", bin("tsx"), ["scripts/db-migrate.ts"]);
if (seedDemoData) runStep("Loading demo data", bin("tsx"), ["scripts/seed.ts"]);
if (!existsSync(".next/BUILD_ID")) runStep("Building the web app (first start only)", bin("next"), ["build"]);

const group = startChildGroup([
  { command: bin("tsx"), args: ["scripts/web.ts", "--port", port] },
  // One scheduler tick is enough: the others would only find the slot already taken.
  ...Array.from({ length: workers }, (_, index) => ({
    command: bin("tsx"),
    args: [...WORKER_NODE_FLAGS, "scripts/worker.ts"],
    env: {
      ...process.env,
      WORKER_RUN_SCHEDULER: process.env.WORKER_RUN_SCHEDULER ?? (index === 0 ? "true" : "false"),
      // Each worker serves its own metrics, on consecutive ports from WORKER_METRICS_PORT.
      ...(process.env.WORKER_METRICS_PORT ? { WORKER_METRICS_PORT: String(Number(process.env.WORKER_METRICS_PORT) + index) } : {}),
    },
  })),
]);
console.log(
  `▸ Automation is starting on http://localhost:${port} with ${workers} worker${workers === 1 ? "" : "s"}` +
    (seedDemoData ? " (sign in as admin@acme.example / automation-demo)" : ""),
);

process.on("SIGINT", () => group.stop("SIGINT"));
process.on("SIGTERM", () => group.stop("SIGTERM"));
process.exitCode = await group.exited;
