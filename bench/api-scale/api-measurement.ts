import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ApiActor } from "./api-cases";
import type { ExplainedStatement } from "./query-plans";

const ENTRY = fileURLToPath(new URL("./measure-api-entry.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface ApiMeasurementInput {
  /** Names the database in progress messages. */
  label: string;
  memberBusinessId: string;
  /** When the generated history ends. */
  now: number;
  samples: number;
  repeat: number;
}

export interface CaseResult {
  name: string;
  actor: ApiActor;
  targetMs: number;
  /** One figure per repetition, in ms. */
  p50: number[];
  p95: number[];
  /** For cases over their target: each statement the case sent, explained. */
  plans: ExplainedStatement[];
}

export interface ApiMeasurementResult {
  results: CaseResult[];
}

/** Runs measure-api-entry.ts against `url` in a process of its own. */
export function measureApi(url: string, input: ApiMeasurementInput): Promise<ApiMeasurementResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.relative(repoRoot, ENTRY)], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url, BENCH_API_INPUT: JSON.stringify(input) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`The API measurement for ${input.label} exited with ${code}`));
      try {
        resolve(JSON.parse(line) as ApiMeasurementResult);
      } catch {
        reject(new Error(`The API measurement for ${input.label} printed no result`));
      }
    });
  });
}
