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
    "test-support/",
    "@prisma/client",
    "@prisma/adapter-*",
  ],
  // The data and tenancy layers, the worker's queue, demo-data seeding (it writes every business's
  // rows), entry scripts, benchmarks and tests.
  allowedIn: [
    "lib/db/",
    "lib/tenancy/",
    "lib/worker/claim/",
    "lib/demo-data/",
    "scripts/",
    "bench/",
    "e2e/",
    "test-support/",
    "lint/",
    "*.test.ts",
  ],
};

// The product stands on its own: benchmarks build on it, never the other way round.
const BENCH_MODULE = "/(^|\\u002F)bench(\\u002F|$)/";
const productRule = {
  "no-restricted-syntax": [
    "error",
    ...["ImportDeclaration", "ImportExpression", "ExportNamedDeclaration", "ExportAllDeclaration"].map((node) => ({
      selector: `${node}[source.value=${BENCH_MODULE}]`,
      message: "The product must not import the benchmarks in bench/.",
    })),
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
  { files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"], rules: productRule },
);
