import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnTs, type SpawnedProcess } from "../child-process";

const CLI = "scripts/orphans.ts";

/** What the command under test runs against: its database and a storage folder of its own. */
export interface TestDatabase {
  url: string;
  storageDir: string;
  env: Record<string, string>;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function createWorkDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "orphans-cli-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testDatabase({ url, storageDir }: { url: string; storageDir: string }): TestDatabase {
  mkdirSync(storageDir, { recursive: true });
  return { url, storageDir, env: { DATABASE_URL: url, STORAGE_DIR: storageDir } };
}

/** The real command in its own process, with the loader `npm run orphans` uses. Stdin is a closed pipe, not a terminal. */
export function startCli({ args, database }: { args: string[]; database: TestDatabase }): SpawnedProcess {
  return spawnTs(CLI, { args, env: database.env, stdin: "closed" });
}

export async function finished(cli: SpawnedProcess): Promise<CliResult> {
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

export function runCli({ args, database }: { args: string[]; database: TestDatabase }): Promise<CliResult> {
  return finished(startCli({ args, database }));
}

export const HAS_SCRIPT = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;

export interface Answer {
  /** Text of the question to wait for. */
  after: string;
  reply: string;
}

/**
 * Runs the command on a pseudo-terminal (see HAS_SCRIPT) and types each reply once its question
 * has been printed, the way a person would.
 */
export function runCliOnTerminal({ args, database, answers }: { args: string[]; database: TestDatabase; answers: Answer[] }): Promise<CliResult> {
  const cli = spawnTs(CLI, { args, env: database.env, stdin: "open", terminal: true });
  const stdin = cli.child.stdin!;
  const pending = [...answers];
  // A question ends without a newline, so the answers watch the raw text after the last reply.
  let answeredUpTo = 0;
  cli.child.stdout!.on("data", () => {
    const next = pending[0];
    if (next && cli.stdout().includes(next.after, answeredUpTo)) {
      pending.shift();
      answeredUpTo = cli.stdout().length;
      stdin.write(`${next.reply}\n`);
    }
  });
  const result = finished(cli);
  void result.finally(() => stdin.end());
  return result;
}
