import { parseArgs } from "node:util";

export const RUN_JOB_USAGE = "Usage: npm run job -- <jobType> [--business-id <id or slug>] [--params '<json>']";

export interface RunJobArgs {
  jobType: string;
  /** A business id or slug, as typed. */
  business: string | undefined;
  paramsJson: string | undefined;
}

export class UsageError extends Error {}

export function parseRunJobArgs(argv: string[]): RunJobArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "business-id": { type: "string" },
        params: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${RUN_JOB_USAGE}`);
  }
  const [jobType, ...extra] = parsed.positionals;
  if (!jobType || extra.length > 0) throw new UsageError(RUN_JOB_USAGE);
  const business = parsed.values["business-id"]?.trim();
  return { jobType, business: business || undefined, paramsJson: parsed.values.params };
}
