import { BUSINESS_COLUMN, type DataModel, type ModelInfo, type RelationInfo } from "./data-model";
import { refuse } from "./scope-violation";

type Args = Record<string, unknown>;

/** A row a write points to by foreign key; it must be visible in the scope, or the write is refused. */
export interface ReferenceCheck {
  model: string;
  where: Args;
}

export interface ScopedOperation {
  args: Args;
  references: ReferenceCheck[];
}

const READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);
const UPDATES = new Set(["update", "updateMany", "updateManyAndReturn"]);
const DELETES = new Set(["delete", "deleteMany"]);
const CREATES = new Set(["create", "createMany", "createManyAndReturn"]);

/**
 * Rewrites one model operation so that it can only see and change the rows of `businessId`, or
 * refuses it. Every level of an include or select is filtered the same way as the top level, so
 * a row reached through a relation is always one the scope could have read directly.
 */
export function scopeBusinessOperation(model: DataModel, businessId: string, modelName: string, operation: string, input: unknown): ScopedOperation {
  const info = model.models.get(modelName) ?? refuse(`unknown model ${modelName}`);
  const rules = new BusinessRules(model, businessId);
  const args: Args = { ...((input ?? {}) as Args) };
  rules.refuseSecrets(args, modelName);
  if (info.kind === "unreachable") refuse(`${modelName} belongs to no business and cannot be reached from one`);
  if (!READS.has(operation)) rules.assertWritable(info, operation);

  const references: ReferenceCheck[] = [];
  if (READS.has(operation) || UPDATES.has(operation) || DELETES.has(operation) || operation === "upsert") {
    args.where = and(rules.scopeWhere(info, args.where), rules.filter(info));
  }
  if (CREATES.has(operation)) {
    args.data = Array.isArray(args.data)
      ? args.data.map((row) => rules.checkWrite(info, row, references, { stamp: true }))
      : rules.checkWrite(info, args.data, references, { stamp: true });
  } else if (UPDATES.has(operation)) {
    args.data = rules.checkWrite(info, args.data, references, { stamp: false });
  } else if (operation === "upsert") {
    args.create = rules.checkWrite(info, args.create, references, { stamp: true });
    args.update = rules.checkWrite(info, args.update, references, { stamp: false });
  } else if (!READS.has(operation) && !DELETES.has(operation)) {
    refuse(`${modelName}.${operation} is not an operation a business scope supports`);
  }
  return { args: operation === "count" || operation === "aggregate" || operation === "groupBy" ? args : rules.scopeSelection(info, args), references };
}

class BusinessRules {
  constructor(
    private readonly model: DataModel,
    private readonly businessId: string,
  ) {}

  /** The condition that limits a model's rows to the scope. */
  filter(info: ModelInfo): Args {
    if (info.kind === "tenant") return { [BUSINESS_COLUMN]: this.businessId };
    if (info.kind === "business") return { id: this.businessId };
    if (info.kind === "member" && info.memberVia) return { [info.memberVia.name]: { some: { [BUSINESS_COLUMN]: this.businessId } } };
    return refuse(`${info.name} belongs to no business and cannot be reached from one`);
  }

  assertWritable(info: ModelInfo, operation: string): void {
    if (info.kind === "tenant" && !info.grantsMembership && !info.keptByDatabase) return;
    const why = info.grantsMembership
      ? "change who belongs to a business"
      : info.keptByDatabase
        ? `write ${info.name} rows, which the database keeps in step with the runs`
        : `write ${info.name} rows`;
    refuse(`${info.name}.${operation}: a business scope cannot ${why}`);
  }

  /** Credentials are never returned, and a query may not name them anywhere (filter, sort, group). */
  refuseSecrets(value: unknown, modelName: string): void {
    if (Array.isArray(value)) return value.forEach((item) => this.refuseSecrets(item, modelName));
    if (!isPlainObject(value)) return;
    for (const [key, nested] of Object.entries(value)) {
      if (key === "omit") continue;
      if (this.model.secretNames.has(key)) refuse(`${modelName} query names the secret field ${key}`);
      this.refuseSecrets(nested, modelName);
    }
  }

  /** Checks one row of a create or update; creates get the scope's business stamped on. */
  checkWrite(info: ModelInfo, row: unknown, references: ReferenceCheck[], { stamp }: { stamp: boolean }): Args {
    const data: Args = { ...((row ?? {}) as Args) };
    for (const key of Object.keys(data)) {
      if (info.relations.has(key)) refuse(`nested write through ${info.name}.${key}; write each model through its own scoped delegate`);
    }
    if (BUSINESS_COLUMN in data && scalarValue(data[BUSINESS_COLUMN]) !== this.businessId) {
      refuse(`writing a ${info.name} row of another business`);
    }
    if (info.kind === "business" && "id" in data) refuse(`changing the id of a ${info.name}`);
    for (const relation of info.relations.values()) {
      if (!relation.foreignKey || relation.foreignKey === BUSINESS_COLUMN || !(relation.foreignKey in data)) continue;
      const target = scalarValue(data[relation.foreignKey]);
      if (target === null || target === undefined) continue;
      references.push({ model: relation.target, where: and({ id: target }, this.filter(this.info(relation.target))) });
    }
    if (stamp && info.kind === "tenant") data[BUSINESS_COLUMN] = this.businessId;
    return data;
  }

  /**
   * Relation filters inside a condition look only at rows of the scope: `some` and `none` get the
   * scope's condition, `every` ignores rows outside it. Otherwise a filter on a member's
   * memberships would tell which other businesses that member belongs to.
   */
  scopeWhere(info: ModelInfo, where: unknown): unknown {
    if (!isPlainObject(where)) return where;
    const out: Args = { ...where };
    for (const [key, value] of Object.entries(where)) {
      if (key === "AND" || key === "OR" || key === "NOT") {
        out[key] = Array.isArray(value) ? value.map((item) => this.scopeWhere(info, item)) : this.scopeWhere(info, value);
        continue;
      }
      const relation = info.relations.get(key);
      if (!relation || !isPlainObject(value)) continue;
      const target = this.info(relation.target);
      if (target.kind === "unreachable") refuse(`${info.name}.${key} leads to ${target.name}, which belongs to no business`);
      if (relation.foreignKey !== null) {
        const wrapped = "is" in value || "isNot" in value;
        out[key] = wrapped
          ? Object.fromEntries(Object.entries(value).map(([operator, inner]) => [operator, this.scopeWhere(target, inner)]))
          : this.scopeWhere(target, value);
        continue;
      }
      const filter = this.filter(target);
      out[key] = Object.fromEntries(
        Object.entries(value).map(([operator, inner]) => {
          const scoped = this.scopeWhere(target, inner);
          return [operator, operator === "every" ? { OR: [scoped ?? {}, { NOT: filter }] } : and(scoped, filter)];
        }),
      );
    }
    return out;
  }

  /** Filters every relation an include or select reaches, and hides secret fields. */
  scopeSelection(info: ModelInfo, args: Args): Args {
    const out: Args = { ...args };
    for (const key of ["include", "select"] as const) {
      if (isPlainObject(out[key])) out[key] = this.scopeRelations(info, out[key] as Args);
    }
    if (info.secrets.size > 0 && !out.select) {
      out.omit = { ...((out.omit as Args | undefined) ?? {}), ...Object.fromEntries([...info.secrets].map((secret) => [secret, true])) };
    }
    return out;
  }

  private scopeRelations(info: ModelInfo, selection: Args): Args {
    const out: Args = { ...selection };
    for (const [key, value] of Object.entries(selection)) {
      if (!value) continue;
      if (key === "_count") {
        out._count = this.scopeCount(info, value);
        continue;
      }
      const relation = info.relations.get(key);
      if (!relation) continue;
      const target = this.info(relation.target);
      if (target.kind === "unreachable") refuse(`${info.name}.${key} leads to ${target.name}, which belongs to no business`);
      const nested: Args = value === true ? {} : { ...(value as Args) };
      if (relation.foreignKey === null) nested.where = and(this.scopeWhere(target, nested.where), this.filter(target));
      else if (!this.toOneStaysInScope(info, relation, target)) {
        refuse(`including ${info.name}.${key}: query ${target.name} directly, where the scope filters it`);
      }
      out[key] = this.scopeSelection(target, nested);
    }
    return out;
  }

  /**
   * A to-one relation cannot carry a filter. It stays in scope when the row it starts from proves
   * it: a tenant row's business is the scope's own, and a membership of the scope's business
   * points to a member. Any other (an attempt's run) could lead to another business's row.
   */
  private toOneStaysInScope(from: ModelInfo, relation: RelationInfo, target: ModelInfo): boolean {
    if (relation.foreignKey === BUSINESS_COLUMN && target.kind === "business") return true;
    return target.kind === "member" && target.memberVia?.target === from.name;
  }

  private scopeCount(info: ModelInfo, value: unknown): Args {
    const requested = value === true ? null : ((value as Args).select as Args | undefined);
    const lists = [...info.relations.values()].filter((relation) => relation.foreignKey === null);
    const select: Args = {};
    for (const relation of lists) {
      const asked = requested ? requested[relation.name] : true;
      if (!asked) continue;
      const target = this.info(relation.target);
      if (target.kind === "unreachable") refuse(`counting ${info.name}.${relation.name}, which belongs to no business`);
      const nested: Args = asked === true ? {} : { ...(asked as Args) };
      select[relation.name] = { where: and(this.scopeWhere(target, nested.where), this.filter(target)) };
    }
    for (const [key, asked] of Object.entries(requested ?? {})) {
      if (asked && !(key in select)) refuse(`counting ${info.name}.${key} from a business scope`);
    }
    return { select };
  }

  private info(name: string): ModelInfo {
    return this.model.models.get(name) ?? refuse(`unknown model ${name}`);
  }
}

function and(where: unknown, condition: Args): Args {
  const base = (where ?? {}) as Args;
  const existing = base.AND;
  const list = Array.isArray(existing) ? existing : existing ? [existing] : [];
  return { ...base, AND: [...list, condition] };
}

/** A scalar in a write: the value itself or Prisma's `{ set: value }`. */
function scalarValue(value: unknown): unknown {
  return isPlainObject(value) && "set" in value ? value.set : value;
}

function isPlainObject(value: unknown): value is Args {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
