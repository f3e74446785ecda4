import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

/**
 * Row-level security does nothing for a superuser or a role with BYPASSRLS. Returns a warning to
 * print when the application connects as such a role, or null when the policies apply.
 */
export async function rowLevelSecurityWarning(url: string): Promise<string | null> {
  const client = new pg.Client(parseIntoClientConfig(url));
  await client.connect();
  try {
    const { rows } = await client.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user",
    );
    const role = rows[0];
    if (!role || (!role.rolsuper && !role.rolbypassrls)) return null;
    return (
      `Warning: role "${role.rolname}" is ${role.rolsuper ? "a superuser" : "allowed to bypass row-level security"}; ` +
      "the database will not enforce business isolation. Connect as a role without SUPERUSER and BYPASSRLS."
    );
  } finally {
    await client.end();
  }
}
