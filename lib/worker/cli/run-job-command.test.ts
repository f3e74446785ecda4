import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createBusiness } from "../../../test-support/fixtures";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { FAIL_CLOSED_MESSAGE } from "./run-job-command";

const { database, spawnTs } = useTempDatabase();

async function runCli(args: string[]) {
  const child = spawnTs("scripts/run-job.ts", { args, env: database.env });
  const exit = await child.exited;
  return { code: exit.code, output: child.output(), lines: child.lines };
}

async function counts() {
  const db = getDb();
  return { runs: await db.jobRun.count(), audit: await db.auditEvent.count(), attachments: await db.attachment.count() };
}

describe("npm run job", () => {
  it("refuses a tenant job without a business id, with the exact message, before touching data", async () => {
    const before = await counts();
    const { code, lines } = await runCli(["export-report"]);
    // 2: refused to start, as the README documents.
    expect(code).toBe(2);
    expect(lines).toContain(FAIL_CLOSED_MESSAGE);
    expect(FAIL_CLOSED_MESSAGE).toBe("FAIL-CLOSED: a business id is required for tenant jobs.");
    expect(await counts()).toEqual(before);
  });

  it("runs a job in-process through the runner, by business slug, printing progress", async () => {
    const business = await createBusiness({ name: "Cli Dental" });
    const { code, output } = await runCli(["export-report", "--business-id", business.slug, "--params", '{"days": 5}']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/Run [0-9a-f-]{36}: export-report for Cli Dental/);
    expect(output).toMatch(/\[100%\] Export ready/);
    expect(output).toMatch(/Succeeded: \{"rows":0/);

    const run = await getDb().jobRun.findFirstOrThrow({ where: { businessId: business.id, jobType: "export-report" } });
    expect(run).toMatchObject({ triggerSource: "cli", status: "succeeded", attempt: 1, params: { days: 5, format: "csv" } });
    expect(await getDb().attachment.count({ where: { runId: run.id } })).toBe(2);
    expect(await getDb().auditEvent.count({ where: { targetId: run.id, actorType: "cli", action: "run.triggered" } })).toBe(1);
    expect((await getDb().jobRunAttempt.findMany({ where: { runId: run.id } })).map((attempt) => attempt.status)).toEqual(["succeeded"]);
  });

  it("accepts a business id too", async () => {
    const business = await createBusiness();
    const { code, output } = await runCli(["sync-calendar", "--business-id", business.id, "--params", '{"calendar":"front-desk"}']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/Synced 100 events from front-desk/);
  });

  it("refuses unknown job types, unknown or suspended businesses and invalid params, writing nothing", async () => {
    const suspended = await createBusiness({ name: "Closed Clinic", status: "suspended" });
    const active = await createBusiness();
    const before = await counts();
    const cases: [string[], RegExp][] = [
      [["no-such-job", "--business-id", active.id], /Unknown job type "no-such-job"/],
      [["export-report", "--business-id", "nobody-here"], /No business with id or slug "nobody-here"/],
      [["export-report", "--business-id", suspended.slug], /Business "Closed Clinic" .* is suspended/],
      [["export-report", "--business-id", active.id, "--params", "{days: 3"], /--params is not valid JSON/],
      [["export-report", "--business-id", active.id, "--params", '{"days": 500}'], /Invalid params for "export-report":\n\s+days:/],
      [["vacuum-database", "--business-id", active.id], /is a system job/],
      [["export-report", "--business-id"], /Usage: npm run job/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach((result, index) => {
      expect(result.code, cases[index]![0].join(" ")).toBe(2);
      expect(result.output).toMatch(cases[index]![1]);
    });
    expect(await counts()).toEqual(before);
  });
});
