import { getDb, Prisma, type Db } from "../db";
import { inAccess, type DatabaseAccess } from "../db/database-access";
import type { Scope } from "./scope";

/** Tables whose rows belong to one business; every one carries its own business_id column. */
const TENANT_MODELS = new Set(["JobRun", "JobRunAttempt", "JobRunLog", "AuditEvent", "Attachment"]);

const FILTERED_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

const CREATE_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn"]);

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: unknown };

/**
 * A client bound to one scope. For a business scope every read and write of a tenant table gets
 * `business_id = <scope>` added, and a write that names another business throws, so a service
 * that forgets a filter still cannot cross tenants. Query extensions do not see nested includes;
 * that is why each tenant table has its own business_id and why includes are only used for
 * children of a row that was itself filtered.
 */
export function scopedDb(scope: Scope, db: Db = getDb()) {
  return withAccessForTransactions(scope, filteredClient(scope, db));
}

function filteredClient(scope: Scope, db: Db) {
  const access = databaseAccess(scope);
  if (scope.kind === "all") {
    return db.$extends({
      name: "scope-all",
      query: { $allModels: { $allOperations: ({ args, query }) => inAccess(access, () => query(args)) } },
    });
  }
  const { businessId } = scope;
  return db.$extends({
    name: `scope-business`,
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) return inAccess(access, () => query(args));
          const scoped = { ...(args as Args) };
          if (FILTERED_OPERATIONS.has(operation)) {
            scoped.where = withBusiness(scoped.where, businessId);
          } else if (CREATE_OPERATIONS.has(operation)) {
            scoped.data = Array.isArray(scoped.data)
              ? scoped.data.map((row) => stampBusiness(row, businessId, model))
              : stampBusiness(scoped.data, businessId, model);
          } else if (operation === "upsert") {
            scoped.where = withBusiness(scoped.where, businessId);
            scoped.create = stampBusiness(scoped.create, businessId, model);
          } else {
            throw new Error(`Operation ${model}.${operation} is not allowed in a business scope`);
          }
          return inAccess(access, () => query(scoped as typeof args));
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof scopedDb>;

/** What the database itself enforces for a scope (row-level security on PostgreSQL). */
export function databaseAccess(scope: Scope): DatabaseAccess {
  return scope.kind === "all" ? { kind: "all", reason: "all-businesses scope" } : { kind: "business", businessId: scope.businessId };
}

// An interactive transaction opens its connection when it starts, outside any model operation:
// it must start inside the scope's access so the database applies it to the whole transaction.
function withAccessForTransactions<T extends { $transaction: unknown }>(scope: Scope, client: T): T {
  const access = databaseAccess(scope);
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== "$transaction" || typeof value !== "function") return value;
      return (...args: unknown[]) => inAccess(access, () => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

/** SQL condition on a table's business_id column for raw queries (`alias` is a trusted literal). */
export function businessCondition(scope: Scope, alias = ""): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`1 = 1`;
  const column = Prisma.raw(`${alias ? `${alias}.` : ""}business_id`);
  return Prisma.sql`${column} = ${scope.businessId}`;
}

/**
 * Raw read queries go through here so they cannot be written without the scope's condition:
 * the builder receives the condition and must place it in its WHERE clause.
 */
export async function queryScoped<T>(scope: Scope, build: (tenantCondition: Prisma.Sql) => Prisma.Sql): Promise<T[]> {
  return inAccess(databaseAccess(scope), () => getDb().$queryRaw<T[]>(build(businessCondition(scope))));
}

function withBusiness(where: Record<string, unknown> | undefined, businessId: string): Record<string, unknown> {
  const existing = where?.AND;
  const and = Array.isArray(existing) ? existing : existing ? [existing] : [];
  return { ...where, AND: [...and, { businessId }] };
}

function stampBusiness(row: unknown, businessId: string, model: string): unknown {
  const data = { ...(row as Record<string, unknown>) };
  if (data.businessId !== undefined && data.businessId !== businessId) {
    throw new Error(`Refusing to write a ${model} row of another business from a business scope`);
  }
  if ("business" in data) throw new Error(`Set ${model}.businessId, not the business relation`);
  data.businessId = businessId;
  return data;
}
