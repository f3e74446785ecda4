/**
 * The PostgreSQL schema is generated from the SQLite one, so the data model has one source of
 * truth. Only what differs between the databases changes:
 * - the datasource provider and the generated client's folder;
 * - every DateTime becomes `timestamptz(3)`, so the database clock (`now()`) and stored times
 *   compare as instants whatever the session's time zone.
 */
const HEADER =
  "// Generated from prisma/sqlite/schema.prisma by `npm run db:derive-postgres-schema`. Do not edit:\n" +
  "// change the SQLite schema and run the command again.\n";

export function derivePostgresSchema(sqliteSchema: string): string {
  const withoutLeadingComments = sqliteSchema.replace(/^(\s*\/\/[^\n]*\n)+/, "");
  const replaced = replaceOnce(
    replaceOnce(withoutLeadingComments, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"'),
    /output(\s*)=\s*"\.\.\/\.\.\/lib\/db\/generated\/sqlite"/,
    'output$1= "../../lib/db/generated/postgresql"',
  );
  return HEADER + "\n" + replaced.split("\n").map(timestampColumn).join("\n");
}

// A field line: name, type (DateTime or DateTime?), then attributes.
const DATETIME_FIELD = /^(\s+\w+\s+DateTime\??)(\s+.*)?$/;

function timestampColumn(line: string): string {
  const match = DATETIME_FIELD.exec(line);
  if (!match || line.includes("@db.")) return line;
  const [, field, attributes = ""] = match;
  return `${field}${attributes} @db.Timestamptz(3)`.replace(/\s+$/, "");
}

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`The SQLite schema no longer contains ${pattern}`);
  return text.replace(pattern, replacement);
}
