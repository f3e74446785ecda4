import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api");
// next-auth's own routes are described in prose in the document's description.
const UNDESCRIBED = new Set(["/api/auth/{...nextauth}"]);
const HTTP_METHOD_EXPORT = /^export\s+(?:async\s+)?(?:const|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/gm;

function routeFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/job-runs/[id]/cancel/route.ts → /api/job-runs/{id}/cancel */
function openApiPath(file: string): string {
  const folder = path.relative(API_ROOT, path.dirname(file)).split(path.sep).join("/");
  return `/api/${folder}`.replace(/\[([^\]]+)\]/g, "{$1}");
}

const routes = routeFiles(API_ROOT)
  .map((file) => ({
    path: openApiPath(file),
    methods: [...readFileSync(file, "utf8").matchAll(HTTP_METHOD_EXPORT)].map((match) => match[1]!.toLowerCase()),
  }))
  .filter((route) => !UNDESCRIBED.has(route.path));

const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;

describe("the OpenAPI document covers app/api", () => {
  it("finds the route files and the methods they export", () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => route.methods.length === 0).map((route) => route.path)).toEqual([]);
  });

  it("describes every method of every route file", () => {
    const missing = routes.flatMap((route) => route.methods.filter((method) => !paths[route.path]?.[method]).map((method) => `${method.toUpperCase()} ${route.path}`));
    expect(missing, "routes without a path and method in lib/openapi/operations.ts").toEqual([]);
  });

  it("describes nothing that has no route file", () => {
    const served = new Set(routes.flatMap((route) => route.methods.map((method) => `${method} ${route.path}`)));
    const described = Object.entries(paths).flatMap(([describedPath, item]) => Object.keys(item).map((method) => `${method} ${describedPath}`));
    expect(described.filter((operation) => !served.has(operation))).toEqual([]);
  });
});
