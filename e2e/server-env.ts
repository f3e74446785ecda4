/**
 * Where the end-to-end server keeps its throwaway data, shared by the server script and the tests.
 * Everything is keyed by port so that two suites can run side by side.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATA_DIR = `e2e/.data/${E2E_PORT}`;
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? defaultDatabaseUrl();

// The suite runs on the same provider as the rest of the tests (TEST_DATABASE).
function defaultDatabaseUrl(): string {
  if (process.env.TEST_DATABASE !== "postgresql") return `file:./${E2E_DATA_DIR}/e2e.db`;
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) throw new Error("TEST_DATABASE=postgresql needs TEST_POSTGRES_URL");
  const url = new URL(server);
  url.pathname = `/automation_e2e_${E2E_PORT}`;
  return url.toString();
}

export const E2E_ENV = {
  DATABASE_URL: E2E_DATABASE_URL,
  AUTH_SECRET_FILE: `./${E2E_DATA_DIR}/auth-secret`,
  STORAGE_DIR: `./${E2E_DATA_DIR}/storage`,
  PORT: String(E2E_PORT),
  // As if behind one proxy: tests act from several addresses by sending X-Forwarded-For, whose
  // right-most entry is then the client's address.
  TRUST_PROXY: "1",
  // A scraper's token, so the suite can read /api/metrics as Prometheus would.
  METRICS_TOKEN: "e2e-metrics-token-e2e-metrics-token-0123",
};
