import tseslint from "typescript-eslint";
import nextPlugin from "@next/eslint-plugin-next";

// Tenant data is reached through lib/tenancy's scoped access. Only these places may hold the raw
// database client: the client itself, the tenancy layer, the worker's claim path, demo-data seeding
// (it writes every business's rows), entry scripts, the benchmarks, and the tests with their
// support, which arrange and look at data across businesses on purpose.
const RAW_CLIENT_ALLOWED = [
  "lib/db/**",
  "lib/demo-data/**",
  "lib/tenancy/**",
  "lib/worker/claim/**",
  "scripts/**",
  "bench/**",
  "**/*.test.ts",
  "test-support/**",
  "e2e/**",
  "tests/**",
];

const rawClientRule = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          regex: "(^|/)(lib/)?db(/index|/client)?$",
          message: "Use scopedDb(scope) from lib/tenancy; the raw client bypasses tenant scoping.",
        },
        {
          regex: "(^|/)db/generated/",
          allowTypeImports: true,
          message: "Import types only; queries go through lib/tenancy.",
        },
        { group: ["@prisma/client", "@prisma/client/*"], message: "Use scopedDb(scope) from lib/tenancy." },
      ],
    },
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
  { files: ["**/*.ts", "**/*.tsx", "**/*.mts"], ignores: RAW_CLIENT_ALLOWED, rules: rawClientRule },
  { files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"], rules: productRule },
);
