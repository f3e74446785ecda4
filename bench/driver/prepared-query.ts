import { statementNameOf } from "../../lib/db/postgres/prepared-statements";
import type { Prisma } from "../../lib/db/sql";

export interface PreparedQuery {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * A Prisma.Sql as a node-postgres named prepared statement. The statement text is the template's
 * own with PostgreSQL's $n placeholders (`.sql` would give `?`, which PostgreSQL does not read),
 * and the name is derived from that text alone: every call of one statement shape shares one
 * prepared statement per connection whatever its values, and two shapes never share a name.
 */
export function preparedQuery(statement: Prisma.Sql): PreparedQuery {
  const text = statement.text;
  return { name: statementNameOf(text), text, values: [...statement.values] };
}
