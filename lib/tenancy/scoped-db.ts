import { getDb, Prisma, type Db } from "../db";
import { inAccess, type DatabaseAccess } from "../db/database-access";
import { UNIQUE_LOOKUPS, uniqueWhereAsFilter } from "../db/unique-lookup";
import { scopeBusinessOperation, type ReferenceCheck } from "./business-scope-rules";
import { dataModelOf } from "./data-model";
import type { Scope } from "./scope";
import { refuse } from "./scope-violation";

/**
 * A client bound to one scope. For a business scope every model operation is rewritten by
 * scopeBusinessOperation (business-scope-rules.ts), driven by the client's own data model: reads
 * and writes of tenant tables get `business_id = <scope>`, includes and selects are filtered at
 * every level, writes that name another business or nest through a relation are refused, users
 * are those of the business's memberships without their password hashes, and models that belong
 * to no business are out of reach. Raw SQL is refused: it goes through queryScoped.
 */
export function scopedDb(scope: Scope, db: Db = getDb()) {
  return guardClient(scope, filteredClient(scope, db));
}

function filteredClient(scope: Scope, db: Db) {
  const access = databaseAccess(scope);
  if (scope.kind === "all") {
    return db.$extends({
      name: "scope-all",
      query: {
        $allModels: {
          $allOperations: ({ model: modelName, operation, args, query }) =>
            inAccess(access, () => (operation in UNIQUE_LOOKUPS ? lookUpUnbatched(db, modelName, operation, args) : query(args))),
        },
      },
    });
  }
  const { businessId } = scope;
  const model = dataModelOf(db);
  return db.$extends({
    name: `scope-business`,
    query: {
      $allModels: {
        async $allOperations({ model: modelName, operation, args, query }) {
          const scoped = scopeBusinessOperation(model, businessId, modelName, operation, args);
          return inAccess(access, async () => {
            await assertReferencesInScope(db, scoped.references);
            if (operation in UNIQUE_LOOKUPS) return lookUpUnbatched(db, modelName, operation, scoped.args);
            return query(scoped.args as typeof args);
          });
        },
      },
    },
  });
}

async function assertReferencesInScope(db: Db, references: ReferenceCheck[]): Promise<void> {
  for (const reference of references) {
    const delegate = (db as unknown as Record<string, { count(args: unknown): Promise<number> }>)[lowerFirst(reference.model)];
    if (!delegate || (await delegate.count({ where: reference.where })) === 0) {
      refuse(`a write that points to a ${reference.model} row outside the business`);
    }
  }
}

/** A findUnique as findFirst on the unextended client (see unique-lookup.ts): its args are already scoped. */
function lookUpUnbatched(db: Db, modelName: string, operation: string, args: unknown): Promise<unknown> {
  const delegate = (db as unknown as Record<string, Record<string, (args: unknown) => Promise<unknown>>>)[lowerFirst(modelName)];
  const { where, ...rest } = (args ?? {}) as { where?: unknown };
  return delegate![UNIQUE_LOOKUPS[operation]!]!({ ...rest, where: uniqueWhereAsFilter(where) });
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export type ScopedDb = ReturnType<typeof scopedDb>;

/** What the database itself enforces for a scope (row-level security on PostgreSQL). */
export function databaseAccess(scope: Scope): DatabaseAccess {
  return scope.kind === "all" ? { kind: "all", reason: "all-businesses scope" } : { kind: "business", businessId: scope.businessId };
}

const RAW_METHODS = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe", "$queryRawTyped", "$runCommandRaw"]);

/**
 * What the client offers beyond model operations. An interactive transaction opens its connection
 * when it starts, outside any model operation: it must start inside the scope's access so the
 * database applies it to the whole transaction, and the transaction client it hands out is guarded
 * the same way. A business scope refuses raw SQL (queryScoped is the way) and further extensions,
 * which could reach past the scope.
 */
function guardClient<T extends object>(scope: Scope, client: T): T {
  const access = databaseAccess(scope);
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== "string" || typeof value !== "function") return value;
      if (scope.kind === "business" && (RAW_METHODS.has(property) || property === "$extends")) {
        return () => refuse(`${property} on a business-scoped client; raw SQL goes through queryScoped(scope, build)`);
      }
      if (property !== "$transaction") return value;
      return (first: unknown, ...rest: unknown[]) => {
        const work = typeof first === "function" ? (tx: object) => (first as (tx: object) => unknown)(guardClient(scope, tx)) : first;
        return inAccess(access, () => (value as (...a: unknown[]) => unknown).apply(target, [work, ...rest]));
      };
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
