import { randomUUID } from "node:crypto";
import type { Db } from "../lib/db/client";
import { inAccess } from "../lib/db/database-access";

/**
 * Canary rows for tenant-isolation tests, generated from the client's runtime data model: every
 * model gets one row on side A and one on side B, foreign keys pointing to the same side's rows,
 * and every string value carrying its side's marker. A new model or relation is seeded without
 * editing anything here. Relations follow the schema's naming: a field `run` is held by the model
 * with a `runId` column.
 */
export type Side = "A" | "B";

export interface CanaryRelation {
  name: string;
  target: string;
  /** Column on this model that holds the relation; null for the list side. */
  foreignKey: string | null;
}

export interface CanaryModel {
  name: string;
  delegate: string;
  scalars: { name: string; type: string }[];
  relations: CanaryRelation[];
}

export type CanaryRow = Record<string, unknown> & { id: string | number };

export interface CanaryData {
  rows: Record<Side, Map<string, CanaryRow>>;
  /** Strings that only side B's rows contain: its marker and its ids. */
  markersOf(side: Side): string[];
}

const FULL_ACCESS = { kind: "all", reason: "canary test data" } as const;

export function canaryModels(db: Db): CanaryModel[] {
  const runtime = (db as unknown as { _runtimeDataModel: { models: Record<string, { fields: { name: string; kind: string; type: string }[] }> } })
    ._runtimeDataModel;
  return Object.entries(runtime.models).map(([name, { fields }]) => {
    const scalarFields = fields.filter((field) => field.kind !== "object");
    const names = new Set(scalarFields.map((field) => field.name));
    return {
      name,
      delegate: name.charAt(0).toLowerCase() + name.slice(1),
      scalars: scalarFields.map((field) => ({ name: field.name, type: field.type })),
      relations: fields
        .filter((field) => field.kind === "object")
        .map((field) => ({ name: field.name, target: field.type, foreignKey: names.has(`${field.name}Id`) ? `${field.name}Id` : null })),
    };
  });
}

export function canaryMarker(side: Side): string {
  return `canary-${side}`;
}

/** Field values for one new row of `model` on `side`, foreign keys taken from `parents`. */
export function canaryValues(model: CanaryModel, side: Side, parents: Map<string, CanaryRow>, { skip = [] as string[] } = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const foreignKeys = new Map(model.relations.filter((r) => r.foreignKey).map((r) => [r.foreignKey!, r.target]));
  for (const { name, type } of model.scalars) {
    if (skip.includes(name)) continue;
    // A string id is given, not left to a default: some models (workers) name their own.
    if (name === "id") {
      if (type === "String") data.id = randomUUID();
      continue;
    }
    const parent = foreignKeys.get(name);
    if (parent !== undefined) {
      const row = parents.get(parent);
      if (row) data[name] = row.id;
      continue;
    }
    const value = scalarValue(type, `${canaryMarker(side)}-${model.name}-${name}-${randomUUID().slice(0, 8)}`, side);
    if (value !== undefined) data[name] = value;
  }
  return data;
}

function scalarValue(type: string, text: string, side: Side): unknown {
  switch (type) {
    case "String":
      return text;
    case "Int":
      return 1;
    case "Float":
      return 0.5;
    case "Boolean":
      return false;
    case "DateTime":
      return new Date();
    case "Json":
      return { canary: canaryMarker(side) };
    default:
      return undefined;
  }
}

/** Seeds one row per model and side, parents first. */
export async function seedCanaries(db: Db, models: CanaryModel[]): Promise<CanaryData> {
  const rows: Record<Side, Map<string, CanaryRow>> = { A: new Map(), B: new Map() };
  const pending = [...models];
  while (pending.length > 0) {
    const ready = pending.findIndex((model) =>
      model.relations.every((relation) => !relation.foreignKey || relation.target === model.name || rows.A.has(relation.target)),
    );
    if (ready < 0) throw new Error(`Cannot order the canary models: ${pending.map((model) => model.name).join(", ")}`);
    const [model] = pending.splice(ready, 1);
    for (const side of ["A", "B"] as const) {
      const delegate = delegateOf(db, model!.delegate);
      rows[side].set(model!.name, (await inAccess(FULL_ACCESS, () => delegate.create({ data: canaryValues(model!, side, rows[side]) }))) as CanaryRow);
    }
  }
  return {
    rows,
    markersOf: (side) => [canaryMarker(side), ...[...rows[side].values()].map((row) => row.id).filter((id): id is string => typeof id === "string")],
  };
}

/** Every row of every model that mentions one of `markers`, as sorted JSON: compare before and after. */
export async function rowsMentioning(db: Db, models: CanaryModel[], markers: string[]): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const model of models) {
    const all = (await inAccess(FULL_ACCESS, () => delegateOf(db, model.delegate).findMany({}))) as unknown[];
    snapshot[model.name] = all.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).filter((json) => markers.some((marker) => json.includes(marker))).sort();
  }
  return snapshot;
}

type Delegate = { create(args: unknown): Promise<unknown>; findMany(args: unknown): Promise<unknown> };

function delegateOf(db: Db, name: string): Delegate {
  return (db as unknown as Record<string, Delegate>)[name]!;
}
