import { canaryValues, type CanaryData, type CanaryModel, type CanaryRow } from "./canary-data";

/**
 * Every operation a scoped client offers, generated from the data model: for each model its
 * reads, includes and selects of each relation, creates, updates, upserts, deletes, bulk writes
 * and nested writes through each relation, aimed at side B's rows from a client scoped to side A.
 */
export interface ScopeProbe {
  name: string;
  /** Runs the operation on a client scoped to side A. */
  run(db: unknown): Promise<unknown>;
  /** For counts: the number side A may see when it is limited to its own rows. */
  expectCount?: (result: unknown) => number;
}

type Call = (db: unknown) => Promise<unknown>;

export function scopeProbes(models: CanaryModel[], canaries: () => CanaryData): ScopeProbe[] {
  const byName = new Map(models.map((model) => [model.name, model]));
  return models.flatMap((model) => {
    const call = (operation: string, args: () => unknown): Call => (db) => delegate(db, model.delegate)[operation]!(args());
    const a = () => canaries().rows.A.get(model.name)!;
    const b = () => canaries().rows.B.get(model.name)!;
    const bOf = (name: string) => canaries().rows.B.get(name);
    const text = editableText(model);
    const change = () => (text ? { [text]: `changed-by-A` } : {});
    const probes: ScopeProbe[] = [
      { name: "findMany", run: call("findMany", () => ({})) },
      { name: "findFirst of B's row", run: call("findFirst", () => ({ where: { id: b().id } })) },
      { name: "findUnique of B's row", run: call("findUnique", () => ({ where: { id: b().id } })) },
      { name: "count of B's row", run: call("count", () => ({ where: { id: b().id } })), expectCount: (result: unknown) => result as number },
      {
        name: "aggregate of B's row",
        run: call("aggregate", () => ({ where: { id: b().id }, _count: { _all: true } })),
        expectCount: (result: unknown) => (result as { _count: { _all: number } })._count._all,
      },
      { name: `groupBy ${model.scalars[0]!.name}`, run: call("groupBy", () => ({ by: [model.scalars[0]!.name] })) },
      { name: "findMany with _count of every relation", run: call("findMany", () => ({ include: { _count: true } })) },
    ].filter((probe) => probe.name !== "findMany with _count of every relation" || model.relations.some((relation) => !relation.foreignKey));

    for (const relation of model.relations) {
      probes.push(
        { name: `findMany include ${relation.name}`, run: call("findMany", () => ({ include: { [relation.name]: true } })) },
        { name: `findMany select ${relation.name}`, run: call("findMany", () => ({ select: { id: true, [relation.name]: true } })) },
        { name: `update of A's row, include ${relation.name}`, run: call("update", () => ({ where: { id: a().id }, data: change(), include: { [relation.name]: true } })) },
      );
    }

    probes.push(
      { name: "create with B's values", run: call("create", () => ({ data: canaryValues(model, "B", canaries().rows.B) })) },
      { name: "createMany with B's values", run: call("createMany", () => ({ data: [canaryValues(model, "B", canaries().rows.B)] })) },
      { name: "createManyAndReturn with B's values", run: call("createManyAndReturn", () => ({ data: [canaryValues(model, "B", canaries().rows.B)] })) },
      { name: "update of B's row", run: call("update", () => ({ where: { id: b().id }, data: change() })) },
      { name: "updateMany of B's row", run: call("updateMany", () => ({ where: { id: b().id }, data: change() })) },
      { name: "updateMany of every row", run: call("updateMany", () => ({ data: change() })) },
      { name: "updateManyAndReturn of every row", run: call("updateManyAndReturn", () => ({ data: change() })) },
      {
        name: "upsert of B's row",
        run: call("upsert", () => ({ where: { id: b().id }, create: canaryValues(model, "A", canaries().rows.A), update: change() })),
      },
    );
    // Moving A's rows into B through each foreign key: the business, a parent row, a member.
    for (const relation of model.relations.filter((r) => r.foreignKey)) {
      const key = relation.foreignKey!;
      probes.push(
        { name: `update of A's row setting ${key} to B's`, run: call("update", () => ({ where: { id: a().id }, data: { [key]: bOf(relation.target)?.id } })) },
        { name: `updateMany setting ${key} to B's`, run: call("updateMany", () => ({ data: { [key]: bOf(relation.target)?.id } })) },
      );
    }
    for (const relation of model.relations) {
      const target = byName.get(relation.target)!;
      const nested = (write: (targetRow: CanaryRow | undefined) => unknown): Call =>
        call("update", () => ({ where: { id: a().id }, data: { [relation.name]: write(bOf(target.name)) } }));
      const backKeys = target.relations.filter((r) => r.target === model.name && r.foreignKey).map((r) => r.foreignKey!);
      probes.push(
        { name: `nested connect of B's row through ${relation.name}`, run: nested((row) => ({ connect: { id: row?.id } })) },
        {
          name: `nested create through ${relation.name}`,
          run: nested(() => ({ create: canaryValues(target, "B", canaries().rows.B, { skip: backKeys }) })),
        },
      );
      if (!relation.foreignKey) {
        const targetText = editableText(target);
        probes.push(
          { name: `nested deleteMany through ${relation.name}`, run: nested(() => ({ deleteMany: {} })) },
          {
            name: `nested updateMany through ${relation.name}`,
            run: nested(() => ({ updateMany: { where: {}, data: targetText ? { [targetText]: "changed-by-A" } : {} } })),
          },
        );
      }
    }
    probes.push(
      { name: "delete of B's row", run: call("delete", () => ({ where: { id: b().id } })) },
      { name: "deleteMany of B's row", run: call("deleteMany", () => ({ where: { id: b().id } })) },
      { name: "deleteMany of every row", run: call("deleteMany", () => ({})) },
    );
    return probes.map((probe) => ({ ...probe, name: `${model.name}.${probe.name}` }));
  });
}

/** A plain text column to change in updates: not the id, not a foreign key. */
function editableText(model: CanaryModel): string | undefined {
  const keys = new Set(model.relations.map((relation) => relation.foreignKey));
  return model.scalars.find((field) => field.type === "String" && field.name !== "id" && !keys.has(field.name))?.name;
}

type Delegate = Record<string, (args: unknown) => Promise<unknown>>;

function delegate(db: unknown, name: string): Delegate {
  return (db as Record<string, Delegate>)[name]!;
}
