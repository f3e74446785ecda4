import type { Db } from "../db";

/**
 * How each model of the data model relates to one business, read from the client's own runtime
 * data model so that a new model or relation is classified without anyone listing it here.
 *
 * - `tenant`: the model has its own `businessId` column; its rows belong to one business.
 * - `business`: the model a tenant's `businessId` points to; a scope sees its own row only.
 * - `member`: a model reached from a tenant model through a foreign key (users through
 *   memberships); a scope sees the rows its business's tenant rows point to, read-only.
 * - `unreachable`: no path to a business (login attempts); a business scope cannot touch it.
 *
 * Relations follow the schema's naming: a relation field `run` is held by the side with a
 * `runId` column (a to-one relation); the other side is a list.
 */
export type ModelKind = "tenant" | "business" | "member" | "unreachable";

export interface RelationInfo {
  name: string;
  target: string;
  /** The column on this model that holds the relation, for a to-one relation; null for a list. */
  foreignKey: string | null;
}

export interface ModelInfo {
  name: string;
  kind: ModelKind;
  scalars: Set<string>;
  relations: Map<string, RelationInfo>;
  /** Credentials that no scoped read returns and no scoped query may filter or sort on. */
  secrets: Set<string>;
  /** The relation through which a `member` model is scoped (User.memberships). */
  memberVia?: RelationInfo;
  /** Rows that decide who belongs to a business (memberships): a business scope may not write them. */
  grantsMembership: boolean;
  /** Rows the database derives from the runs (tag rows, statistics rollups): a business scope reads them only. */
  keptByDatabase: boolean;
}

export interface DataModel {
  models: Map<string, ModelInfo>;
  businessModel: string;
  /** Every secret field name of every model, for scanning query arguments. */
  secretNames: Set<string>;
}

export const BUSINESS_COLUMN = "businessId";
// Written by triggers on job_runs in the statement that changes a run; a write of its own would
// make them disagree with the runs they describe.
const KEPT_BY_DATABASE = new Set(["JobRunTag", "JobRunHourlyStat", "JobRunHourlyStatAll", "JobRunPeriodCount", "JobRunDailyStatAll", "JobTypeSeen"]);
const SECRET_FIELD = /password|secret|token/i;

type RuntimeField = { name: string; kind: string; type: string };
type RuntimeModels = Record<string, { fields: readonly RuntimeField[] }>;

const cache = new WeakMap<object, DataModel>();

export function dataModelOf(db: Db): DataModel {
  const runtime = (db as unknown as { _runtimeDataModel?: { models: RuntimeModels } })._runtimeDataModel;
  if (!runtime) throw new Error("The database client exposes no runtime data model");
  let model = cache.get(runtime);
  if (!model) {
    model = classify(runtime.models);
    cache.set(runtime, model);
  }
  return model;
}

export function classify(runtimeModels: RuntimeModels): DataModel {
  const models = new Map<string, ModelInfo>();
  for (const [name, { fields }] of Object.entries(runtimeModels)) {
    const scalars = new Set(fields.filter((field) => field.kind !== "object").map((field) => field.name));
    const relations = new Map<string, RelationInfo>();
    for (const field of fields.filter((candidate) => candidate.kind === "object")) {
      const foreignKey = scalars.has(`${field.name}Id`) ? `${field.name}Id` : null;
      relations.set(field.name, { name: field.name, target: field.type, foreignKey });
    }
    const secrets = new Set([...scalars].filter((field) => SECRET_FIELD.test(field)));
    const kind: ModelKind = scalars.has(BUSINESS_COLUMN) ? "tenant" : "unreachable";
    models.set(name, { name, kind, scalars, relations, secrets, grantsMembership: false, keptByDatabase: KEPT_BY_DATABASE.has(name) });
  }

  const tenants = [...models.values()].filter((model) => model.kind === "tenant");
  const businessModel = tenants.map((model) => model.relations.get("business")?.target).find(Boolean);
  if (!businessModel || !models.has(businessModel)) throw new Error("No business model: tenant models need a `business` relation");
  models.get(businessModel)!.kind = "business";

  // A model that tenant rows point to by foreign key (Membership.user) is visible through them.
  for (const model of models.values()) {
    if (model.kind !== "unreachable") continue;
    const via = [...model.relations.values()].find((relation) => {
      const back = models.get(relation.target);
      return relation.foreignKey === null && back?.kind === "tenant" && [...back.relations.values()].some((r) => r.target === model.name && r.foreignKey);
    });
    if (!via) continue;
    model.kind = "member";
    model.memberVia = via;
    models.get(via.target)!.grantsMembership = true;
  }

  const secretNames = new Set([...models.values()].flatMap((model) => [...model.secrets]));
  return { models, businessModel, secretNames };
}
