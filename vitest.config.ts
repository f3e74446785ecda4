import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts", "lint/**/*.test.ts"],
    // Integration tests open real database files and spawn processes; forks keep native modules isolated.
    pool: "forks",
    setupFiles: ["lib/db/testing/grant-test-access.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
