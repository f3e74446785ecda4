export const MIGRATION_PROVIDERS = ["sqlite", "postgresql"] as const;

export type MigrationProvider = (typeof MIGRATION_PROVIDERS)[number];

export function isMigrationProvider(value: string): value is MigrationProvider {
  return (MIGRATION_PROVIDERS as readonly string[]).includes(value);
}

export function providerFromUrl(url: string): MigrationProvider {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `Unsupported database URL "${redactUrl(url)}": expected file:… (SQLite) or postgres(ql)://… (PostgreSQL)`,
  );
}

// URLs end up in error messages and logs; never print a password.
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
