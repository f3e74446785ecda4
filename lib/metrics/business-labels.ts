import { readEnv } from "../config/env";
import { databaseNow } from "../db/database-clock";
import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { queryScoped } from "../tenancy/scoped-db";
import { ALL_BUSINESSES } from "../tenancy/scope";

/** The label of every business that has none of its own. */
export const OTHER_BUSINESSES = "other";
/** The label of runs that belong to no business (system jobs). */
export const NO_BUSINESS = "none";

/** Activity is counted over the runs created in this window. */
export const ACTIVITY_WINDOW_MS = 24 * 3_600_000;
/** How often a process recomputes the labelled businesses. */
export const LABEL_REFRESH_MS = 5 * 60_000;

export interface LabelRule {
  /** Slugs that always keep their own label (METRICS_BUSINESS_LABELS). */
  named: string[];
  /** How many of the most active businesses also keep theirs (METRICS_TOP_BUSINESSES). */
  top: number;
}

export function labelRuleFromEnv(): LabelRule {
  const { METRICS_BUSINESS_LABELS, METRICS_TOP_BUSINESSES } = readEnv();
  return { named: METRICS_BUSINESS_LABELS, top: METRICS_TOP_BUSINESSES };
}

/**
 * Business id → slug for the businesses that keep their own label. The window ends at the start
 * of the current refresh period by the database's clock, so every process that refreshes within
 * the same period reads the same runs and picks the same businesses; ties go to the smaller slug.
 */
export async function readLabelledBusinesses(rule: LabelRule): Promise<Map<string, string>> {
  const dialect = sqlDialect();
  const now = (await databaseNow()).getTime();
  const windowEnd = now - (now % LABEL_REFRESH_MS);
  const createdAt = Prisma.raw("r.created_at");
  const rows = await queryScoped<{ id: string; slug: string }>(
    ALL_BUSINESSES,
    (tenant) => Prisma.sql`
      SELECT b.id, b.slug FROM businesses b
      WHERE ${tenant} AND b.slug IN (${rule.named.length ? Prisma.join(rule.named) : Prisma.sql`NULL`})
      UNION
      SELECT ranked.id, ranked.slug FROM (
        SELECT b.id, b.slug FROM job_runs r JOIN businesses b ON b.id = r.business_id
        WHERE ${tenant}
          AND ${createdAt} >= ${dialect.time(new Date(windowEnd - ACTIVITY_WINDOW_MS))}
          AND ${createdAt} < ${dialect.time(new Date(windowEnd))}
        GROUP BY b.id, b.slug
        ORDER BY COUNT(*) DESC, b.slug ASC
        LIMIT ${rule.top}
      ) ranked`,
  );
  return new Map(rows.map((row) => [row.id, row.slug]));
}

/**
 * The `business` label of a process's metrics: a slug for the businesses the rule names or ranks
 * among the most active, `other` for every other one. At most named + top + 2 values ever appear.
 */
export class BusinessLabels {
  private labelled = new Map<string, string>();

  constructor(private readonly rule: LabelRule = labelRuleFromEnv()) {}

  labelOf(businessId: string | null): string {
    if (businessId === null) return NO_BUSINESS;
    return this.labelled.get(businessId) ?? OTHER_BUSINESSES;
  }

  async refresh(): Promise<void> {
    this.labelled = await readLabelledBusinesses(this.rule);
  }
}
