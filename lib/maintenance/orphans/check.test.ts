import { describe, expect, it } from "vitest";
import { Prisma } from "../../db/sql";
import { runCli } from "../../../test-support/orphans/cli-harness";
import { businessId, count, ORPHANS, orphanIds } from "../../../test-support/orphans/database-state";
import { useDemoTemplate } from "../../../test-support/orphans/demo-template";

const { freshDatabase } = useDemoTemplate();

interface CheckJson {
  businesses: { id: string; slug: string; name: string; status: string; runs: number }[];
  systemRuns: number;
  orphanRuns: number;
  unclassifiedRuns: number;
  orphans: { id: string; jobType: string; status: string; createdAt: string }[];
}

describe("orphans check", () => {
  it("counts runs per business, system runs and orphans, and exits 1 while orphans exist", async () => {
    const { database, db } = await freshDatabase();
    const result = await runCli({ args: ["check", "--json"], database });

    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as CheckJson;
    for (const slug of ["acme", "birch"]) {
      const id = await businessId(db, slug);
      const listed = summary.businesses.find((business) => business.slug === slug);
      expect(listed).toMatchObject({ id, runs: await count(db, Prisma.sql`SELECT COUNT(*) FROM job_runs WHERE business_id = ${id}`) });
    }
    expect(summary.systemRuns).toBe(await count(db, Prisma.sql`SELECT COUNT(*) FROM job_runs WHERE scope = 'system' AND business_id IS NULL`));
    expect(summary.systemRuns).toBeGreaterThan(0);
    expect(summary.orphanRuns).toBe((await orphanIds(db)).length);
    expect(summary.orphanRuns).toBeGreaterThan(0);
    expect(summary.orphans.map((orphan) => orphan.id).sort()).toEqual(await orphanIds(db));
  });

  it("lists the oldest orphans up to --limit, with type, status and creation time", async () => {
    const { database, db } = await freshDatabase();
    const oldest = await db.$queryRaw<{ id: string; job_type: string; status: string }[]>(
      Prisma.sql`SELECT id, job_type, status FROM job_runs WHERE scope = 'tenant' AND business_id IS NULL ORDER BY created_at, id LIMIT 3`,
    );
    const result = await runCli({ args: ["check", "--limit", "3"], database });

    expect(result.code).toBe(1);
    const listedIds = result.stdout.match(/^ {2}[0-9a-f-]{36}(?= {2}\S)/gm)?.map((line) => line.trim()) ?? [];
    expect(listedIds.filter((id) => oldest.some((run) => run.id === id))).toEqual(oldest.map((run) => run.id));
    for (const run of oldest) expect(result.stdout).toMatch(new RegExp(`${run.id}\\s+${run.job_type}\\s+${run.status}\\s+\\d{4}-\\d{2}-\\d{2} `));
    expect(result.stdout).toContain(`3 of ${(await orphanIds(db)).length} listed`);
  });

  it("exits 0 when there are no orphans, while system runs remain", async () => {
    const { database, db } = await freshDatabase();
    await db.jobRun.deleteMany({ where: ORPHANS });
    const result = await runCli({ args: ["check", "--json"], database });

    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as CheckJson;
    expect(summary.orphanRuns).toBe(0);
    expect(summary.systemRuns).toBeGreaterThan(0);
  });
});

describe("orphans usage", () => {
  it.each([
    [["frobnicate"], /Unknown subcommand "frobnicate"/],
    [["check", "--bogus"], /--bogus/],
    [["delete", "--batch-size", "0"], /--batch-size must be a whole number/],
    [["delete", "--older-than", "soon"], /--older-than must be a number of days/],
    [["assign", "--ids", "a", "--all"], /either --ids or --all/],
    [[], /Missing subcommand/],
  ])("exits 2 with a usage message for %j", async (args, message) => {
    const { database } = await freshDatabase();
    const result = await runCli({ args, database });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run orphans");
  });

  it("prints help with the exit codes and exits 0", async () => {
    const { database } = await freshDatabase();
    const result = await runCli({ args: ["--help"], database });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exit codes[\s\S]*130/);
  });
});
