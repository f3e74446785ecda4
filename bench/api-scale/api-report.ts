import { formatNumber, formatSpread, markdownTable } from "../format";
import { spread } from "../statistics";
import type { CaseResult } from "./api-measurement";
import type { GeneratedDataset } from "./generate-runs";

export interface DatabaseMeasurement {
  label: string;
  dataset: GeneratedDataset;
  results: CaseResult[];
}

/** The `api` command's section: data set, p50/p95 per case and database, plans of the cases over target. */
export function apiReport(measurements: DatabaseMeasurement[], { samples }: { samples: number }): string[] {
  const [first] = measurements;
  if (!first) return [];
  const { dataset } = first;
  const lines = [
    `## API server time at ${formatNumber(dataset.runs)} runs across ${formatNumber(dataset.businesses)} businesses (ms)`,
    "",
    `Services called in-process, no HTTP: ${samples} samples per case after a warm-up (cases slower than 250 ms stop after 15 s, with at least 10), p50 and p95 per repetition. ` +
      `The member belongs to the largest business (${formatNumber(dataset.member.runsInBusiness)} runs); the system admin sees all businesses. ` +
      "**Bold**: p95 over the target (list, active, recent, detail 20 ms; stats 50 ms).",
    "",
    ...markdownTable(
      ["database", "runs", "attempts, log lines, audit events", "generation (s)", "runs/s"],
      measurements.map(({ label, dataset: data }) => [
        label,
        formatNumber(data.runs),
        formatNumber(data.related),
        formatNumber(data.seconds, 1),
        formatNumber(data.runs / data.seconds),
      ]),
    ),
    "",
    ...markdownTable(
      ["actor", "case", "target", ...measurements.flatMap(({ label }) => [`${label} p50`, `${label} p95`])],
      first.results.map((result, index) => [
        result.actor,
        result.name,
        String(result.targetMs),
        ...measurements.flatMap(({ results }) => {
          const entry = results[index]!;
          const p95 = spread(entry.p95);
          const p95Text = formatSpread(p95, 1);
          return [formatSpread(spread(entry.p50), 1), p95.median > entry.targetMs ? `**${p95Text}**` : p95Text];
        }),
      ]),
    ),
  ];
  const slow = measurements.flatMap(({ label, results }) => results.filter((result) => result.plans.length > 0).map((result) => ({ label, result })));
  if (slow.length === 0) return lines;
  lines.push("", "### Query plans of the cases over target", "", "Each statement the case sent, with its own time (PostgreSQL: EXPLAIN ANALYZE; SQLite: median of 5 runs).");
  for (const { label, result } of slow) {
    lines.push("", `#### ${label}: ${result.actor}, ${result.name}`);
    for (const statement of [...result.plans].sort((a, b) => b.ms - a.ms)) {
      lines.push("", `${formatNumber(statement.ms, 2)} ms — \`${shortSql(statement.sql)}\``, "", "```text", statement.plan, "```");
    }
  }
  return lines;
}

/** One line, with Prisma's long column lists elided. */
function shortSql(sql: string): string {
  const line = sql.replace(/\s+/g, " ").replace(/`/g, "").trim();
  const elided = line.replace(/^SELECT (.{120,}?) FROM /, "SELECT … FROM ");
  return elided.length > 600 ? `${elided.slice(0, 600)} …` : elided;
}
