import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020.js";

type Json = Record<string, unknown>;
interface DescribedResponse {
  content?: Record<string, { schema?: Json }>;
}
type Paths = Record<string, Record<string, { responses: Record<string, DescribedResponse> }>>;

// Formats are left to the route handlers' own validation; shapes, types, enums and patterns count here.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

/** Replaces each `#/components/schemas/…` reference with the schema it names (none of them nests). */
function inlineComponents(node: unknown, components: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineComponents(item, components));
  if (node === null || typeof node !== "object") return node;
  const ref = (node as Json).$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) return components[ref.slice("#/components/schemas/".length)];
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlineComponents(value, components)]));
}

/** The document /api/openapi.json serves, to hold live answers against. */
export class ApiDescription {
  private constructor(private readonly paths: Paths) {}

  static async load(context: APIRequestContext): Promise<ApiDescription> {
    const response = await context.get("/api/openapi.json");
    expect(response.status()).toBe(200);
    const document = (await response.json()) as { paths: Paths; components: { schemas: Record<string, unknown> } };
    return new ApiDescription(inlineComponents(document.paths, document.components.schemas) as Paths);
  }

  /** Whether the document lists this status for the route and method (for answers read outside Playwright's request API). */
  describesStatus(method: "GET" | "POST", path: string, status: number): boolean {
    return Boolean(this.paths[path]?.[method.toLowerCase()]?.responses[String(status)]);
  }

  /** The answer's status is one the document lists for its route and method, and its JSON body fits that status's schema. */
  async expectConforms(method: "GET" | "POST", response: APIResponse): Promise<void> {
    const pathname = new URL(response.url()).pathname;
    // A literal path (/api/job-runs/stats) wins over a template that also matches it (/api/job-runs/{id}).
    const template =
      pathname in this.paths ? pathname : Object.keys(this.paths).find((path) => new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname));
    const operation = template ? this.paths[template]?.[method.toLowerCase()] : undefined;
    expect(operation, `${method} ${pathname} is described`).toBeDefined();
    const described = operation!.responses[String(response.status())];
    expect(described, `${method} ${pathname} answered ${response.status()}, a status the document does not list`).toBeDefined();
    const schema = described!.content?.["application/json"]?.schema;
    if (!schema) return;
    expect(response.headers()["content-type"]).toContain("application/json");
    const validate = ajv.compile(schema);
    const valid = validate(await response.json());
    expect(valid ? [] : validate.errors, `${method} ${pathname} ${response.status()} body against the document`).toEqual([]);
  }
}
