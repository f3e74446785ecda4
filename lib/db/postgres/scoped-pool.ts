import pg from "pg";
import { currentDatabaseAccess, type DatabaseAccess } from "../database-access";

type QueryConfig = pg.QueryConfig & { rowMode?: "array" };

/**
 * A connection pool that hands the current DatabaseAccess to PostgreSQL with every statement.
 * - Business access: settings are transaction-local (`set_config(…, true)`), so they can never
 *   leak to the next user of a pooled connection. A statement outside a transaction runs as
 *   BEGIN + settings, the statement, COMMIT; a transaction gets the settings right after its BEGIN,
 *   from the access current when it began.
 * - All-businesses access: a second pool whose connections carry `app.bypass_rls = on` from the
 *   moment they open, used for nothing else. The worker's queue statements, the bulk of the
 *   traffic, then take one round trip instead of three.
 * - No access: the statement runs bare, and the row-level security policies show no tenant row.
 */
export function createScopedPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  const privileged = new pg.Pool({ ...config, options: [config.options, "-c app.bypass_rls=on"].filter(Boolean).join(" ") });
  // An idle connection that drops is discarded by its pool; unheard, the event would end the process.
  privileged.on("error", () => undefined);
  const baseQuery = pg.Pool.prototype.query as (...args: unknown[]) => unknown;
  const baseConnect = pg.Pool.prototype.connect as (...args: unknown[]) => unknown;
  const baseEnd = pg.Pool.prototype.end as (this: pg.Pool) => Promise<void>;
  const checkout = () => baseConnect.call(pool) as Promise<pg.PoolClient>;

  // pg's other overloads (callbacks, submittables) are not used by the Prisma adapter: it always
  // passes one config object and awaits the promise. They pass through unchanged.
  const query = (...args: unknown[]): unknown => {
    const [config] = args;
    const access = currentDatabaseAccess();
    if (args.length !== 1 || typeof config !== "object" || config === null || !access) return baseQuery.apply(pool, args);
    if (access.kind === "all") return privileged.query(config as QueryConfig);
    return queryWithAccess(checkout, config as QueryConfig, access);
  };
  const connect = (...args: unknown[]): unknown => {
    if (args.length > 0) return baseConnect.apply(pool, args);
    const access = currentDatabaseAccess();
    if (access?.kind === "all") return privileged.connect();
    return checkout().then((client) => (access ? applyAfterBegin(client, access) : client));
  };
  const end = async () => {
    await Promise.all([baseEnd.call(pool), privileged.end()]);
  };
  Object.assign(pool, { query, connect, end });
  return pool;
}

async function queryWithAccess(
  checkout: () => Promise<pg.PoolClient>,
  config: QueryConfig,
  access: DatabaseAccess,
): Promise<pg.QueryResult> {
  const client = await checkout();
  // pg-pool stops listening on a client while it is checked out, and a connection the network drops
  // mid-statement emits 'error' on it: unheard, that ends the process. The statement fails anyway.
  const ignoreDrop = () => undefined;
  client.on("error", ignoreDrop);
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; ${settingsSql(access)}`);
    try {
      const result = await client.query(config);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    }
  } catch (error) {
    broken ??= isConnectionError(error) ? (error as Error) : undefined;
    throw error;
  } finally {
    client.removeListener("error", ignoreDrop);
    // A connection that failed mid-protocol is destroyed rather than returned to the pool.
    client.release(broken);
  }
}

function applyAfterBegin(client: pg.PoolClient, access: DatabaseAccess): pg.PoolClient {
  const original = client.query;
  const patched = async (...args: unknown[]) => {
    client.query = original;
    const result = await (original as (...a: unknown[]) => Promise<unknown>).apply(client, args);
    const [config] = args;
    const text = typeof config === "string" ? config : (config as { text?: string } | undefined)?.text;
    if (text?.trim().toUpperCase() === "BEGIN") await client.query(settingsSql(access));
    return result;
  };
  client.query = patched as typeof client.query;
  return client;
}

/**
 * Literals, not parameters: they share one round trip with BEGIN. Ids are checked; an email or an
 * address is free text, so it travels hex-encoded and cannot break out of its literal.
 */
export function settingsSql(access: DatabaseAccess): string {
  const settings = {
    "app.business_id": access.kind === "business" ? checkedId(access.businessId) : "",
    "app.user_id": access.kind === "user" ? checkedId(access.userId) : "",
    "app.login_email": access.kind === "sign-in" ? access.email : "",
    "app.login_ip": access.kind === "sign-in" ? access.ip : "",
    "app.bypass_rls": access.kind === "all" ? "on" : "off",
  };
  const calls = Object.entries(settings).map(([name, value]) => `set_config('${name}', ${textLiteral(value)}, true)`);
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
