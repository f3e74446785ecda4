import pg from "pg";
import { currentDatabaseAccess, type DatabaseAccess } from "../database-access";

type QueryConfig = pg.QueryConfig & { rowMode?: "array" };

/**
 * A connection pool that hands the current DatabaseAccess to PostgreSQL with every statement,
 * over three pools that never lend a connection to each other:
 * - Business, user and sign-in access: a pool whose connections carry the settings of the access
 *   they last served as session settings. Each checkout compares the connection's settings with
 *   the access it is about to serve and sets them only when they differ, outside any transaction,
 *   so a statement takes one round trip where BEGIN, settings and COMMIT took three. The settings
 *   a connection carries are known exactly: only this pool sets them, and a connection whose
 *   settings statement failed is destroyed, never reused.
 * - All-businesses access: a pool whose connections carry `app.bypass_rls = on` from the moment
 *   they open, used for nothing else.
 * - No access: a pool whose connections never carry any setting, so the row-level security
 *   policies show them no tenant row.
 */
// Code with no access is rare (readiness checks, maintenance): it needs few connections.
const UNSCOPED_CONNECTIONS = 2;

export function createScopedPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ ...config, max: Math.min(config.max ?? UNSCOPED_CONNECTIONS, UNSCOPED_CONNECTIONS) });
  const scoped = new pg.Pool(config);
  const privileged = new pg.Pool({ ...config, options: [config.options, "-c app.bypass_rls=on"].filter(Boolean).join(" ") });
  // An idle connection that drops is discarded by its pool; unheard, the event would end the process.
  scoped.on("error", () => undefined);
  privileged.on("error", () => undefined);
  const baseQuery = pg.Pool.prototype.query as (...args: unknown[]) => unknown;
  const baseConnect = pg.Pool.prototype.connect as (...args: unknown[]) => unknown;
  const baseEnd = pg.Pool.prototype.end as (this: pg.Pool) => Promise<void>;
  const checkout = async (access: DatabaseAccess) => {
    // Built before the checkout: a refused id must not leave a connection checked out.
    const settings = settingsSql(access);
    return withSettings(await scoped.connect(), settings);
  };

  // pg's other overloads (text and values, callbacks) are not used by the Prisma adapter: it always
  // passes one config object and awaits the promise. They pass through to the pool without settings.
  const query = (...args: unknown[]): unknown => {
    const [config] = args;
    const access = currentDatabaseAccess();
    if (args.length !== 1 || typeof config !== "object" || config === null || !access) return baseQuery.apply(pool, args);
    if (access.kind === "all") return privileged.query(config as QueryConfig);
    return queryWithAccess(checkout(access), config as QueryConfig);
  };
  const connect = (...args: unknown[]): unknown => {
    if (args.length > 0) return baseConnect.apply(pool, args);
    const access = currentDatabaseAccess();
    if (access?.kind === "all") return privileged.connect();
    return access ? checkout(access) : baseConnect.call(pool);
  };
  const end = async () => {
    await Promise.all([baseEnd.call(pool), scoped.end(), privileged.end()]);
  };
  Object.assign(pool, { query, connect, end });
  return pool;
}

/** The session settings each connection of the scoped pool carries now. */
const carried = new WeakMap<pg.PoolClient, string>();

async function withSettings(client: pg.PoolClient, wanted: string): Promise<pg.PoolClient> {
  // A connection handed back inside a transaction would later roll back settings set now; none
  // should be, and one that is gets closed rather than trusted.
  if (carried.get(client) === wanted && client.getTransactionStatus() === "I") return client;
  carried.delete(client);
  // pg-pool stops listening on a client while it is checked out: a connection that drops during
  // this statement would otherwise emit an 'error' nobody hears, which ends the process.
  const ignoreDrop = () => undefined;
  client.on("error", ignoreDrop);
  try {
    if (client.getTransactionStatus() !== "I") throw new Error("A pooled connection came back inside a transaction");
    await client.query(wanted);
  } catch (error) {
    // Its settings are unknown now: the connection is closed rather than lent again.
    client.release(error as Error);
    throw error;
  } finally {
    // The caller listens from its next step on, in the same chain of promise callbacks, before
    // any socket event can be delivered.
    client.removeListener("error", ignoreDrop);
  }
  carried.set(client, wanted);
  return client;
}

async function queryWithAccess(checkedOut: Promise<pg.PoolClient>, config: QueryConfig): Promise<pg.QueryResult> {
  const client = await checkedOut;
  // pg-pool stops listening on a client while it is checked out, and a connection the network drops
  // mid-statement emits 'error' on it: unheard, that ends the process. The statement fails anyway.
  const ignoreDrop = () => undefined;
  client.on("error", ignoreDrop);
  let broken: Error | undefined;
  try {
    return await client.query(config);
  } catch (error) {
    broken = isConnectionError(error) ? (error as Error) : undefined;
    throw error;
  } finally {
    client.removeListener("error", ignoreDrop);
    // A connection that failed mid-protocol is destroyed rather than returned to the pool.
    client.release(broken);
  }
}

/**
 * The session settings of one access, as one statement. Literals, not parameters: ids are checked;
 * an email or an address is free text, so it travels hex-encoded and cannot break out of its literal.
 */
export function settingsSql(access: DatabaseAccess): string {
  const settings = {
    "app.business_id": access.kind === "business" ? checkedId(access.businessId) : "",
    "app.user_id": access.kind === "user" ? checkedId(access.userId) : "",
    "app.login_email": access.kind === "sign-in" ? access.email : "",
    "app.login_ip": access.kind === "sign-in" ? access.ip : "",
    "app.bypass_rls": access.kind === "all" ? "on" : "off",
  };
  const calls = Object.entries(settings).map(([name, value]) => `set_config('${name}', ${textLiteral(value)}, false)`);
  return `SELECT ${calls.join(", ")}`;
}

function checkedId(id: string): string {
  if (!/^[\w-]*$/.test(id)) throw new Error("An id may only contain letters, digits, '-' and '_'");
  return id;
}

function textLiteral(value: string): string {
  if (/^[\w-]*$/.test(value)) return `'${value}'`;
  return `convert_from(decode('${Buffer.from(value, "utf8").toString("hex")}', 'hex'), 'UTF8')`;
}

// The server answered with an error: the connection itself is fine.
function isConnectionError(error: unknown): boolean {
  return !(error instanceof pg.DatabaseError);
}
