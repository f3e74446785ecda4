import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const RULE = "automation/no-raw-database-import";
const eslint = new ESLint({ cwd: ROOT });

/** The rule's findings for `code` as if it were the file at `file` (repository-relative). */
async function findings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === RULE).map((message) => message.message);
}

describe("the raw database client lint rule, judged on the file an import resolves to", () => {
  it.each([
    ["the alias to a test client", `import { openTestClient } from "@/test-support/test-client";`, "test-support/test-client.ts"],
    ["a relative path to the client", `import { getDb } from "../db/client";`, "lib/db/client.ts"],
    ["the data layer's index", `import { getDb } from "@/lib/db";`, "lib/db/index.ts"],
    ["a generated client", `import { PrismaClient } from "../db/generated/sqlite/client";`, "lib/db/generated/sqlite/client.ts"],
    ["a test helper by a relative path", `import { createBusiness } from "../../test-support/fixtures";`, "test-support/fixtures.ts"],
    ["a re-export", `export { getDb } from "../db";`, "lib/db/index.ts"],
    ["a dynamic import", `await import("../db/client");`, "lib/db/client.ts"],
    ["the Prisma package", `import { PrismaClient } from "@prisma/client";`, "@prisma/client"],
    ["a driver adapter", `import { PrismaPg } from "@prisma/adapter-pg";`, "@prisma/adapter-pg"],
  ])("refuses %s in a service", async (_what, code, target) => {
    const messages = await findings("lib/job-runs/probe.ts", code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`resolves to ${target}`);
  });

  it("lets any file import the SQL helpers and types", async () => {
    expect(await findings("lib/job-runs/probe.ts", `import { Prisma } from "@/lib/db/sql";`)).toEqual([]);
    expect(await findings("lib/job-runs/probe.ts", `import type { JobRun } from "../db/generated/sqlite/client";`)).toEqual([]);
    expect(await findings("app/api/probe/route.ts", `import { type TestClient } from "@/test-support/test-client";`)).toEqual([]);
  });

  it.each([
    "lib/tenancy/probe.ts",
    "lib/db/probe.ts",
    "lib/worker/claim/probe.ts",
    "scripts/probe.ts",
    "lib/demo-data/probe.ts",
    "bench/probe.ts",
    "lib/jobs/probe.test.ts",
    "e2e/api/probe.spec.ts",
    "test-support/orphans/probe.ts",
  ])("allows the raw client in %s", async (file) => {
    expect(await findings(file, `import { openTestClient } from "@/test-support/test-client";`)).toEqual([]);
  });

  it.each(["app/api/probe/route.ts", "components/probe.tsx", "lib/worker/probe.ts", "lib/maintenance/orphans/testing/probe.ts"])(
    "refuses it in %s",
    async (file) => {
      expect(await findings(file, `import { getDb } from "@/lib/db";`)).toHaveLength(1);
    },
  );
});
