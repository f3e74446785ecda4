// A child process of the `api` benchmark: times the API's services against DATABASE_URL (one
// database per process, since the client and dialect are chosen once per process) and prints the
// result as one JSON line. Progress goes to stderr.
import { databaseAccess } from "../../lib/tenancy/scoped-db";
import { percentile } from "../statistics";
import { buildApiCases } from "./api-cases";
import type { ApiMeasurementInput, ApiMeasurementResult, CaseResult } from "./api-measurement";
import { explainStatements } from "./query-plans";
import { installStatementTrace, traceStatements } from "../../test-support/statement-trace";

const WARM_UP = 3;
// A case that takes a second per request would hold the run up for minutes at full sample count;
// past this much time it stops at the minimum, which still yields a p95 (of the slowest samples).
const CASE_BUDGET_MS = 15_000;
const MIN_SAMPLES = 10;

const input = JSON.parse(process.env.BENCH_API_INPUT ?? "{}") as ApiMeasurementInput;
installStatementTrace();
const cases = await buildApiCases(input);
const results: CaseResult[] = cases.map((entry) => ({ name: entry.name, actor: entry.actor, targetMs: entry.targetMs, p50: [], p95: [], plans: [] }));

for (let repetition = 0; repetition < input.repeat; repetition++) {
  for (const [index, entry] of cases.entries()) {
    console.error(`… api: ${input.label}, repetition ${repetition + 1}: ${entry.actor}, ${entry.name}`);
    for (let sample = 0; sample < WARM_UP; sample++) await entry.run(sample);
    const times: number[] = [];
    const caseStartedAt = performance.now();
    for (let sample = 0; sample < input.samples; sample++) {
      if (sample >= MIN_SAMPLES && performance.now() - caseStartedAt > CASE_BUDGET_MS) break;
      const startedAt = performance.now();
      await entry.run(sample);
      times.push(performance.now() - startedAt);
    }
    results[index]!.p50.push(percentile(times, 50));
    results[index]!.p95.push(percentile(times, 95));
  }
}

for (const [index, entry] of cases.entries()) {
  const result = results[index]!;
  if (percentile(result.p95, 50) <= entry.targetMs) continue;
  const statements = await traceStatements(() => entry.run(0));
  result.plans = await explainStatements(process.env.DATABASE_URL!, databaseAccess(entry.scope), statements);
}

const output: ApiMeasurementResult = { results };
console.log(JSON.stringify(output));
// The database client's pool would keep the process alive.
process.exit(0);
