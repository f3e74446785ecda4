import tseslint from "typescript-eslint";
import nextPlugin from "@next/eslint-plugin-next";

import { noRawDatabaseImport } from "./lint/no-raw-database-import.js";

// Tenant data is reached through lib/tenancy's scoped access. The rule judges the file an import
// resolves to (relative, `@/` alias or re-export alike), so no spelling of the path gets around it.
const RAW_DATABASE = {
  root: import.meta.dirname,
  // The raw client, the generated clients and the helpers that hand tests a raw client.
  restricted: [
    "lib/db/index",
    "lib/db/client",
    "lib/db/postgres/",
    "lib/db/generated/",
    "lib/db/testing/",
    "lib/worker/test-support/",
    "test-support/",
    "@prisma/client",
    "@prisma/adapter-*",
  ],
  // The data and tenancy layers, the worker's queue, entry scripts, benchmarks and tests.
  allowedIn: [
    "lib/db/",
    "lib/tenancy/",
    "lib/worker/claim/",
    "scripts/",
    "lib/bench/",
    "bench/",
    "e2e/",
    "lib/db/testing/",
    "lib/worker/test-support/",
    "test-support/",
    "lint/",
    "*.test.ts",
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".next-*/", "e2e/.data/", "e2e/.auth/", "lib/db/generated/", "data/", "test-results/", "playwright-report/", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    plugins: { automation: { rules: { "no-raw-database-import": noRawDatabaseImport } } },
    rules: { "automation/no-raw-database-import": ["error", RAW_DATABASE] },
  },
);
