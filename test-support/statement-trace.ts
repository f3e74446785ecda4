import Database from "better-sqlite3";
import pg from "pg";

export interface TracedStatement {
  sql: string;
  values: unknown[];
}

let recording: TracedStatement[] | null = null;

/**
 * Records the statements the services send, as the drivers receive them (after Prisma has built
 * them), so the slow ones can be explained exactly as they ran. Hooks both drivers once per process;
 * they only record inside `traceStatements`.
 */
export function installStatementTrace(): void {
  const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config] = args;
    if (recording && typeof config === "object" && config !== null && "text" in config) {
      const { text, values } = config as { text: string; values?: unknown[] };
      if (!/^\s*(BEGIN|COMMIT|ROLLBACK|SELECT set_config)/i.test(text)) recording.push({ sql: text, values: values ?? [] });
    }
    return pgQuery.apply(this, args);
  } as typeof pg.Client.prototype.query;

  const probe = new Database(":memory:");
  const statementPrototype = Object.getPrototypeOf(probe.prepare("SELECT 1")) as { bind(...args: unknown[]): unknown };
  probe.close();
  const bind = statementPrototype.bind;
  statementPrototype.bind = function (this: { source: string }, ...args: unknown[]) {
    if (recording && !/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(this.source)) {
      recording.push({ sql: this.source, values: args.length === 1 && Array.isArray(args[0]) ? args[0] : args });
    }
    return bind.apply(this, args);
  };
}

export async function traceStatements(run: () => Promise<unknown>): Promise<TracedStatement[]> {
  const statements: TracedStatement[] = [];
  recording = statements;
  try {
    await run();
  } finally {
    recording = null;
  }
  return statements;
}
