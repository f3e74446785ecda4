import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { E2E_BASE_URL } from "../server-env";
import { storageStatePath, type Role } from "./roles";

export type Caller = Role | "anonymous";

export async function contextFor(caller: Caller): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL: E2E_BASE_URL,
    storageState: caller === "anonymous" ? undefined : storageStatePath(caller),
  });
}

export interface RunSummary {
  id: string;
  businessId: string | null;
  status: string;
  params: unknown;
}

/** Every run a caller can list, following the cursor to the end. */
export async function listAllRuns(context: APIRequestContext, query = ""): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  let cursor: string | null = null;
  do {
    const separator = query ? "&" : "";
    const response: APIResponse = await context.get(
      `/api/job-runs?${query}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    if (!response.ok()) throw new Error(`Listing runs failed with ${response.status()}`);
    const page = (await response.json()) as { runs: RunSummary[]; nextCursor: string | null };
    runs.push(...page.runs);
    cursor = page.nextCursor;
  } while (cursor);
  return runs;
}
