import { createHash } from "node:crypto";
import { Prisma } from "../sql";

const MARK = "/* prepared */";

// Beyond this many distinct texts a process stops naming new ones: a marked statement whose text
// varied per call would otherwise fill every connection's plan cache.
const MAX_NAMED_TEXTS = 64;

const names = new Map<string, string>();

/**
 * Marks a statement that runs on every run's path (claim, heartbeat, batch completion, enqueue)
 * to be prepared once per connection by name and executed from then on without planning: those
 * statements are long WITH chains whose planning cost more than their execution. A marked
 * statement's text MUST NOT vary between calls (lists travel as array parameters), and the
 * columns it returns must be named, not `*` of a table, so that a migration that adds a column
 * cannot change a prepared statement's result type.
 */
export function prepared(statement: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(MARK)} ${statement}`;
}

/** The node-postgres statement name of a marked statement's text; undefined (unnamed) otherwise. */
export function preparedStatementName({ sql }: { sql: string }): string | undefined {
  if (!sql.startsWith(MARK)) return undefined;
  let name = names.get(sql);
  if (name === undefined) {
    if (names.size >= MAX_NAMED_TEXTS) return undefined;
    name = statementNameOf(sql);
    names.set(sql, name);
  }
  return name;
}

/** A statement name derived from the text alone: one name per text, whatever the values. */
export function statementNameOf(text: string): string {
  return `automation_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
}
