import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts", "lint/**/*.test.ts"],
    // Integration tests open real database files and spawn processes; forks keep native modules isolated.
    pool: "forks",
    setupFiles: ["test-support/grant-test-access.ts"],
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
