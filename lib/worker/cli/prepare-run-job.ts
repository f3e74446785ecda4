import type { JobDefinition } from "../../jobs/define-job";
import type { JobRegistry } from "../../jobs/registry";
import { ALL_BUSINESSES, scopedDb } from "../../tenancy";
import { parseRunJobArgs } from "./parse-run-job-args";

export const FAIL_CLOSED_MESSAGE = "FAIL-CLOSED: a business id is required for tenant jobs.";

/** The command refuses to run; its message says why. */
export class Refusal extends Error {}

export type PreparedRunJob = Awaited<ReturnType<typeof prepareRunJob>>;

/** Checks the arguments, the job type, its params and the business, reading but never writing. */
export async function prepareRunJob({ argv, jobs }: { argv: string[]; jobs: JobRegistry }) {
  const args = parseRunJobArgs(argv);
  const definition: JobDefinition | undefined = jobs.get(args.jobType);
  if (!definition) {
    const known = jobs.list().map((job) => job.type).join(", ");
    throw new Refusal(`Unknown job type "${args.jobType}". Known job types: ${known}`);
  }
  if (definition.scope === "tenant" && !args.business) throw new Refusal(FAIL_CLOSED_MESSAGE);
  if (definition.scope === "system" && args.business) {
    throw new Refusal(`"${definition.type}" is a system job and belongs to no business; leave out --business-id.`);
  }

  let input: unknown = {};
  if (args.paramsJson !== undefined) {
    try {
      input = JSON.parse(args.paramsJson);
    } catch (error) {
      throw new Refusal(`--params is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new Refusal("--params must be a JSON object");
  const parsed = definition.params.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "params"}: ${issue.message}`);
    throw new Refusal(`Invalid params for "${definition.type}":\n${issues.join("\n")}`);
  }

  const business = args.business ? await findBusiness(args.business) : null;
  return { definition, business, params: parsed.data };
}

async function findBusiness(reference: string) {
  const business = await scopedDb(ALL_BUSINESSES).business.findFirst({
    where: { OR: [{ id: reference }, { slug: reference.toLowerCase() }] },
    select: { id: true, name: true, slug: true, status: true },
  });
  if (!business) throw new Refusal(`No business with id or slug "${reference}".`);
  if (business.status !== "active") throw new Refusal(`Business "${business.name}" (${business.slug}) is ${business.status}; no runs can be started for it.`);
  return business;
}
