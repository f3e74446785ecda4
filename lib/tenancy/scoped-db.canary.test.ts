import { beforeEach, describe, expect, it } from "vitest";
import { createDb, getDb, type Db } from "../db/client";
import { inAccess } from "../db/database-access";
import { canaryModels, rowsMentioning, seedCanaries, type CanaryData, type CanaryModel } from "../../test-support/canary-data";
import { scopeProbes } from "../../test-support/scope-probes";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { businessScope } from "./scope";
import { scopedDb } from "./scoped-db";

// The data model is read from the generated client itself: a new model or relation gets its
// probes without this file changing. The client is never connected; it only describes the schema.
const models: CanaryModel[] = canaryModels(createDb("file::memory:"));
// Credentials no scope may read, whichever business they belong to.
const SECRET_FIELD = /password|secret|token/i;

useTempDatabase();
let canaries: CanaryData;

// Every probe starts from the same two businesses' rows: a probe that deletes A's rows must not
// leave the next one without them.
beforeEach(async () => {
  await clearAll(getDb());
  canaries = await seedCanaries(getDb(), models);
});

const probes = scopeProbes(models, () => canaries);

describe("a client scoped to business A never touches business B", () => {
  it("has a probe for every model and relation of the data model", () => {
    for (const model of models) {
      expect(probes.some((probe) => probe.name.startsWith(`${model.name}.findMany`))).toBe(true);
      for (const relation of model.relations) expect(probes.some((probe) => probe.name === `${model.name}.findMany include ${relation.name}`)).toBe(true);
    }
  });

  it.each(probes.map((probe) => [probe.name, probe] as const))("%s", async (_name, probe) => {
    const markersOfB = canaries.markersOf("B");
    const before = await rowsMentioning(getDb(), models, markersOfB);
    const businessA = canaries.rows.A.get(businessModelName())!.id as string;

    const outcome = await probe.run(scopedDb(businessScope(businessA), getDb())).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );

    // P2002: giving every row of A the same value breaks a unique key (a run's tags); the database
    // refuses the whole statement, and B's rows are checked below all the same.
    if ("error" in outcome) expect(describeError(outcome.error)).toMatch(/^(ScopeViolationError: Refused in a business scope: |P2025|P2002)/);
    else {
      const json = JSON.stringify(outcome.result) ?? "";
      for (const marker of markersOfB) expect(json, `result shows B's ${marker}`).not.toContain(marker);
      for (const secret of secretValues()) expect(json, "result shows a credential").not.toContain(secret);
      if (probe.expectCount) expect(probe.expectCount(outcome.result)).toBe(0);
    }
    expect(await rowsMentioning(getDb(), models, markersOfB), "B's rows changed").toEqual(before);
  });
});

function describeError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "P2025" || code === "P2002") return code;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function secretValues(): string[] {
  return (["A", "B"] as const).flatMap((side) =>
    [...canaries.rows[side].values()].flatMap((row) => Object.entries(row).filter(([key]) => SECRET_FIELD.test(key)).map(([, value]) => String(value))),
  );
}

/** The model every other model's `business` relation points to. */
function businessModelName(): string {
  const target = models.flatMap((model) => model.relations).find((relation) => relation.foreignKey === "businessId")?.target;
  if (!target) throw new Error("No model has a business relation");
  return target;
}

async function clearAll(db: Db): Promise<void> {
  // Children before parents: a model is cleared once nothing left points to it.
  const left = [...models];
  while (left.length > 0) {
    const index = left.findIndex((model) => !left.some((other) => other !== model && other.relations.some((r) => r.foreignKey && r.target === model.name)));
    const [model] = left.splice(index < 0 ? 0 : index, 1);
    await inAccess({ kind: "all", reason: "test reset" }, () =>
      (db as unknown as Record<string, { deleteMany(args: unknown): Promise<unknown> }>)[model!.delegate]!.deleteMany({}),
    );
  }
}
