import { seededRandom } from "../../lib/demo-data/random";

export interface MixedRequest {
  /** Who asks for what, e.g. "member: stats 24h"; latencies are reported per label. */
  label: string;
  path: string;
  cookie: string;
}

interface Sessions {
  member: string;
  sysadmin: string;
}

const DEEP_PAGE = 10;

/**
 * What a dashboard's worth of people ask for, weighted: mostly a member of the largest business
 * (lists, stats, active runs, details), some system admin views over all businesses. Every path
 * is tried once here, so a broken one fails before the load starts rather than during it.
 */
export async function buildRequestMix(baseUrl: string, sessions: Sessions): Promise<MixedRequest[]> {
  const member = await explore(baseUrl, sessions.member);
  const sysadmin = await explore(baseUrl, sessions.sysadmin);
  const weighted: [number, MixedRequest][] = [
    [3, { label: "member: list", path: "/api/job-runs?limit=50", cookie: sessions.member }],
    [1, { label: "member: list, status=failed", path: "/api/job-runs?limit=50&status=failed", cookie: sessions.member }],
    [1, { label: "member: list, jobType", path: "/api/job-runs?limit=50&jobType=export-report", cookie: sessions.member }],
    [1, { label: `member: list, page ${DEEP_PAGE}`, path: `/api/job-runs?limit=50&cursor=${member.cursor}`, cookie: sessions.member }],
    [2, { label: "member: stats 24h", path: "/api/job-runs/stats?window=24h", cookie: sessions.member }],
    [1, { label: "member: stats 7d", path: "/api/job-runs/stats?window=7d", cookie: sessions.member }],
    [2, { label: "member: active", path: "/api/job-runs/active", cookie: sessions.member }],
    [1, { label: "member: recent", path: "/api/job-runs/recent", cookie: sessions.member }],
    ...member.ids.slice(0, 2).map((id): [number, MixedRequest] => [1, { label: "member: detail", path: `/api/job-runs/${id}`, cookie: sessions.member }]),
    [1, { label: "sysadmin: list", path: "/api/job-runs?limit=50", cookie: sessions.sysadmin }],
    [1, { label: "sysadmin: list, status=failed", path: "/api/job-runs?limit=50&status=failed", cookie: sessions.sysadmin }],
    [1, { label: "sysadmin: stats 24h", path: "/api/job-runs/stats?window=24h", cookie: sessions.sysadmin }],
    [1, { label: "sysadmin: active", path: "/api/job-runs/active", cookie: sessions.sysadmin }],
    [1, { label: "sysadmin: recent", path: "/api/job-runs/recent", cookie: sessions.sysadmin }],
    [1, { label: "sysadmin: detail", path: `/api/job-runs/${sysadmin.ids[0]}`, cookie: sessions.sysadmin }],
  ];
  const mix = weighted.flatMap(([weight, request]) => Array.from({ length: weight }, () => request));
  for (const request of new Set(mix)) await expectOk(baseUrl, request);
  return shuffle(mix);
}

/** Follows the list's cursors for a few pages: a deep cursor, and run ids to open. */
async function explore(baseUrl: string, cookie: string): Promise<{ cursor: string; ids: string[] }> {
  let cursor = "";
  const ids: string[] = [];
  for (let page = 1; page < DEEP_PAGE; page++) {
    const response = await fetch(`${baseUrl}/api/job-runs?limit=50${cursor ? `&cursor=${cursor}` : ""}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`Listing runs failed with ${response.status}`);
    const body = (await response.json()) as { runs: { id: string }[]; nextCursor: string | null };
    if (!body.nextCursor) throw new Error("Too few runs for a deep page");
    ids.push(body.runs.at(-1)!.id);
    cursor = body.nextCursor;
  }
  return { cursor, ids };
}

async function expectOk(baseUrl: string, request: MixedRequest): Promise<void> {
  const response = await fetch(`${baseUrl}${request.path}`, { headers: { cookie: request.cookie } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${request.label} (${request.path}) answered ${response.status}`);
}

function shuffle<T>(items: T[]): T[] {
  const random = seededRandom(7);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
