import { OLDEST_FIRST, ORPHAN_ROW_SELECT, orphanWhere, type MaintenanceDb, type OrphanRow } from "./maintenance-db";

export interface BusinessRunCount {
  id: string;
  slug: string;
  name: string;
  status: string;
  runs: number;
}

export interface RunSummary {
  businesses: BusinessRunCount[];
  systemRuns: number;
  orphanRuns: number;
  /** No business and a scope that is neither tenant nor system: not an orphan, but not sound either. */
  unclassifiedRuns: number;
  /** The oldest orphans, at most the requested limit. */
  orphans: OrphanRow[];
}

export async function summarizeRuns({ db, limit }: { db: MaintenanceDb; limit: number }): Promise<RunSummary> {
  const [businesses, perBusiness, systemRuns, orphanRuns, unclassifiedRuns, orphans] = await Promise.all([
    db.business.findMany({ select: { id: true, slug: true, name: true, status: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    db.jobRun.groupBy({ by: ["businessId"], where: { businessId: { not: null } }, _count: { _all: true } }),
    db.jobRun.count({ where: { scope: "system", businessId: null } }),
    db.jobRun.count({ where: orphanWhere() }),
    db.jobRun.count({ where: { businessId: null, scope: { notIn: ["tenant", "system"] } } }),
    limit > 0 ? db.jobRun.findMany({ where: orphanWhere(), orderBy: OLDEST_FIRST, take: limit, select: ORPHAN_ROW_SELECT }) : [],
  ]);
  const runsByBusiness = new Map(perBusiness.map((group) => [group.businessId, group._count._all]));
  return {
    businesses: businesses.map((business) => ({ ...business, runs: runsByBusiness.get(business.id) ?? 0 })),
    systemRuns,
    orphanRuns,
    unclassifiedRuns,
    orphans,
  };
}
