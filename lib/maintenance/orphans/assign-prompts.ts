import { describeBusiness, type BusinessChoice } from "./find-business";
import { formatRunRows } from "./format-runs";
import type { OrphanRow } from "./maintenance-db";
import type { Prompter } from "./prompts";
import { writeLines, type OutputStream } from "./terminal";

/** Lists the businesses and asks for one by number or slug; suspended ones are shown but not offered. */
export async function chooseBusiness({
  prompter,
  output,
  businesses,
}: {
  prompter: Prompter;
  output: OutputStream;
  businesses: BusinessChoice[];
}): Promise<BusinessChoice | null> {
  const active = businesses.filter((business) => business.status === "active");
  writeLines(output, "Businesses:");
  active.forEach((business, index) => writeLines(output, `  ${String(index + 1).padStart(2)}. ${describeBusiness(business)}`));
  for (const business of businesses.filter((business) => business.status !== "active")) {
    writeLines(output, `   -  ${describeBusiness(business)}  ${business.status}, cannot receive runs`);
  }
  if (active.length === 0) return null;
  for (;;) {
    const answer = await prompter.ask(`Assign to which business? (1-${active.length} or slug) `);
    if (answer === null || answer === "") return null;
    const byNumber = /^\d+$/.test(answer) ? active[Number(answer) - 1] : undefined;
    const chosen = byNumber ?? active.find((business) => business.slug === answer || business.id === answer);
    if (chosen) return chosen;
    writeLines(output, `"${answer}" is not one of the active businesses listed.`);
  }
}

/** Shows the oldest orphans and asks for "all" or a comma-separated list of ids. */
export async function chooseRuns({
  prompter,
  output,
  orphans,
  orphanCount,
}: {
  prompter: Prompter;
  output: OutputStream;
  orphans: OrphanRow[];
  orphanCount: number;
}): Promise<"all" | string[] | null> {
  writeLines(output, `Orphaned runs, oldest first (${orphans.length} of ${orphanCount} listed):`, ...formatRunRows(orphans));
  const answer = await prompter.ask(`Assign which runs? ("all" or ids separated by commas) `);
  if (answer === null || answer === "") return null;
  if (answer.toLowerCase() === "all") return "all";
  const ids = [...new Set(answer.split(",").map((id) => id.trim()).filter(Boolean))];
  return ids.length > 0 ? ids : null;
}
