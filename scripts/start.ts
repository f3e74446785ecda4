// Runs the web app and one worker together on the embedded database: migrate, seed the demo data,
// build once if there is no build yet, then start both and stop both on Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

const port = process.env.PORT ?? "3000";

function runStep(label: string, command: string, args: string[]): void {
  console.log(`▸ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

runStep("Migrating the database", "npx", ["tsx", "scripts/db-migrate.ts"]);
runStep("Loading demo data", "npx", ["tsx", "scripts/seed.ts"]);
if (!existsSync(".next/BUILD_ID")) runStep("Building the web app (first start only)", "npx", ["next", "build"]);

const children: ChildProcess[] = [
  spawn("npx", ["next", "start", "-p", port], { stdio: "inherit" }),
  spawn("npx", ["tsx", "scripts/worker.ts"], { stdio: "inherit" }),
];
console.log(`▸ Automation is starting on http://localhost:${port} (sign in as admin@acme.example / automation-demo)`);

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill(signal);
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
for (const child of children) {
  child.on("exit", (code) => {
    stop("SIGTERM");
    if (children.every((candidate) => candidate.exitCode !== null || candidate.signalCode !== null)) process.exit(code ?? 0);
  });
}
