import type { OrphanRow } from "./maintenance-db";
import type { RunSummary } from "./summarize-runs";

export function formatRunSummary(summary: RunSummary): string[] {
  const nameWidth = Math.max(0, ...summary.businesses.map((business) => `${business.name} (${business.slug})`.length));
  const rows: [label: string, count: number, note: string][] = summary.businesses.map((business) => [
    `  ${`${business.name} (${business.slug})`.padEnd(nameWidth)}  ${business.id}`,
    business.runs,
    business.status === "active" ? "" : business.status,
  ]);
  rows.push(["System runs (no business, by design)", summary.systemRuns, ""]);
  rows.push(["Orphaned runs (tenant runs, no business)", summary.orphanRuns, ""]);
  if (summary.unclassifiedRuns > 0) rows.push(["No business, unknown scope", summary.unclassifiedRuns, "never changed by delete or assign"]);
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const countWidth = Math.max(...rows.map(([, count]) => String(count).length));
  const format = ([label, count, note]: (typeof rows)[number]) =>
    `${label.padEnd(labelWidth)}  ${String(count).padStart(countWidth)}${note ? `  ${note}` : ""}`;

  const lines = ["Runs per business", ...rows.slice(0, summary.businesses.length).map(format)];
  if (summary.businesses.length === 0) lines.push("  (no businesses)");
  lines.push(...rows.slice(summary.businesses.length).map(format));
  if (summary.orphanRuns === 0) return lines;

  lines.push("", `Orphaned runs, oldest first (${summary.orphans.length} of ${summary.orphanRuns} listed):`);
  lines.push(...formatRunRows(summary.orphans));
  if (summary.orphans.length < summary.orphanRuns) lines.push(`  … ${summary.orphanRuns - summary.orphans.length} more (use --limit)`);
  return lines;
}

export function formatRunRows(rows: OrphanRow[]): string[] {
  if (rows.length === 0) return [];
  const typeWidth = Math.max(4, ...rows.map((row) => row.jobType.length));
  const header = `  ${"ID".padEnd(36)}  ${"TYPE".padEnd(typeWidth)}  ${"STATUS".padEnd(9)}  CREATED`;
  return [
    header,
    ...rows.map((row) => `  ${row.id.padEnd(36)}  ${row.jobType.padEnd(typeWidth)}  ${row.status.padEnd(9)}  ${formatTimestamp(row.createdAt)}`),
  ];
}

export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function runSummaryJson(summary: RunSummary) {
  return {
    businesses: summary.businesses,
    systemRuns: summary.systemRuns,
    orphanRuns: summary.orphanRuns,
    unclassifiedRuns: summary.unclassifiedRuns,
    orphans: summary.orphans.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
  };
}
