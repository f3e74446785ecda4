/**
 * Which database the test suite runs on: SQLite files by default, PostgreSQL when
 * TEST_DATABASE=postgresql and TEST_POSTGRES_URL names a server (and a role that may create databases).
 */
export function testDatabaseProvider(): "sqlite" | "postgresql" {
  const chosen = process.env.TEST_DATABASE ?? "sqlite";
  if (chosen === "sqlite") return "sqlite";
  if (chosen !== "postgresql") throw new Error(`TEST_DATABASE must be sqlite or postgresql, not "${chosen}"`);
  if (!process.env.TEST_POSTGRES_URL) throw new Error("TEST_DATABASE=postgresql needs TEST_POSTGRES_URL (a server and a role that may create databases)");
  return "postgresql";
}

export function testPostgresServerUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_POSTGRES_URL is not set");
  return url;
}
