// Usage: npx tsx scripts/generate-runs.ts --url <DATABASE_URL> [--runs 1000000] [--businesses 1000]
// Migrates the database if needed, then fills it with businesses, users and a year of run
// history (bench/api-scale/generate-runs.ts). Expects a database without those businesses.
import { parseArgs } from "node:util";
import { generateRuns } from "../bench/api-scale/generate-runs";
import { applyMigrations } from "../lib/db/migrations";
import { enableWriteAheadLog } from "../lib/db/sqlite-journal";

const { values } = parseArgs({
  options: { url: { type: "string" }, runs: { type: "string", default: "1000000" }, businesses: { type: "string", default: "1000" } },
});
const runs = Number(values.runs);
const businesses = Number(values.businesses);
if (!values.url || !Number.isInteger(runs) || runs < 1_000 || !Number.isInteger(businesses) || businesses < 1) {
  console.error("Usage: npx tsx scripts/generate-runs.ts --url <DATABASE_URL> [--runs N ≥ 1000] [--businesses N ≥ 1]");
  process.exit(2);
}

await applyMigrations({ url: values.url });
enableWriteAheadLog(values.url);
const dataset = await generateRuns({ url: values.url, runs, businesses, progress: (message) => console.error(`… ${message}`) });
console.log(
  `${dataset.runs.toLocaleString("en-US")} runs (and ${dataset.related.toLocaleString("en-US")} attempts, log lines and audit events) ` +
    `across ${dataset.businesses} businesses in ${dataset.seconds.toFixed(1)} s.\n` +
    `Sign in as ${dataset.member.email} (member of the largest business, ${dataset.member.runsInBusiness.toLocaleString("en-US")} runs) ` +
    `or ${dataset.sysadmin.email} (system admin); password ${dataset.password}.`,
);
