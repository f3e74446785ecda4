// Runs the web app and one worker together on the embedded database: migrate, seed the demo data,
// build once if there is no build yet, then start both and stop both on Ctrl-C.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { startChildGroup } from "../lib/process/child-group";

const port = process.env.PORT ?? "3000";
const bin = (name: string) => `node_modules/.bin/${name}`;

function runStep(label: string, command: string, args: string[]): void {
  console.log(`▸ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

runStep("Migrating the database", bin("tsx"), ["scripts/db-migrate.ts"]);
runStep("Loading demo data", bin("tsx"), ["scripts/seed.ts"]);
if (!existsSync(".next/BUILD_ID")) runStep("Building the web app (first start only)", bin("next"), ["build"]);

const group = startChildGroup([
  { command: bin("next"), args: ["start", "-p", port] },
  { command: bin("tsx"), args: ["scripts/worker.ts"] },
]);
console.log(`▸ Automation is starting on http://localhost:${port} (sign in as admin@acme.example / automation-demo)`);

process.on("SIGINT", () => group.stop("SIGINT"));
process.on("SIGTERM", () => group.stop("SIGTERM"));
process.exitCode = await group.exited;
