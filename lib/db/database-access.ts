import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which tenant rows the database itself lets the current code see. On PostgreSQL this becomes
 * settings of the connection that runs the statement, which the row-level security policies read
 * (lib/db/postgres/scoped-pool.ts); the application's own
 * filters (lib/tenancy) stay the first line of defence on both databases.
 *
 * - `business`: only that business's rows.
 * - `all`: every row: a system admin's scope, the worker's claim path, maintenance commands.
 *   Always named with a reason, so a bypass is visible where it is granted.
 * - `user`: one signed-in user's own row, memberships and the businesses they belong to, and
 *   no tenant row: what the gate needs to load the actor before any scope exists.
 * - `sign-in`: the account with one email and the login attempts of that email or address,
 *   and nothing else: what checking a password and its throttle need.
 * - no access: no tenant, business, membership, user or login-attempt row at all. This is what
 *   code gets when nobody granted anything.
 */
export type DatabaseAccess =
  | { readonly kind: "business"; readonly businessId: string }
  | { readonly kind: "all"; readonly reason: string }
  | { readonly kind: "user"; readonly userId: string }
  | { readonly kind: "sign-in"; readonly email: string; readonly ip: string };

// null: access explicitly withheld, whatever the process default. Kept on globalThis like the
// client itself (lib/db/client.ts): Next.js bundles route handlers and server components apart,
// each with its own copy of this module, while both use the one client whose PostgreSQL pool
// reads the access from here. Two copies of the storage would leave a page's queries unscoped.
const holder = globalThis as unknown as {
  __automationDatabaseAccess?: { storage: AsyncLocalStorage<DatabaseAccess | null>; processDefault?: DatabaseAccess };
};
const shared = (holder.__automationDatabaseAccess ??= { storage: new AsyncLocalStorage<DatabaseAccess | null>() });
const storage = shared.storage;

export function withDatabaseAccess<T>(access: DatabaseAccess, run: () => T): T {
  return storage.run(access, run);
}

/**
 * Runs a database call inside `access` and waits for it there. Prisma's queries are lazy: they
 * start when awaited, so the await must happen inside the access, not in the caller.
 */
export function inAccess<T>(access: DatabaseAccess, call: () => T): Promise<Awaited<T>> {
  return storage.run(access, async (): Promise<Awaited<T>> => await call());
}

/** Runs a database call with no tenant access at all: what the database shows code nobody scoped. */
export function withoutDatabaseAccess<T>(call: () => T): Promise<Awaited<T>> {
  return storage.run(null, async (): Promise<Awaited<T>> => await call());
}

export function currentDatabaseAccess(): DatabaseAccess | undefined {
  const current = storage.getStore();
  return current === null ? undefined : (current ?? shared.processDefault);
}

/**
 * For processes that are privileged as a whole (worker, scheduler, maintenance commands, seeding):
 * their own queries see every business. Code they run on behalf of one business (a job handler)
 * still runs inside that business's access. The web server never calls this.
 */
export function grantProcessDatabaseAccess(reason: string): void {
  shared.processDefault = Object.freeze({ kind: "all", reason });
}
