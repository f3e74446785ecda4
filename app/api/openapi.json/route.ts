import { json } from "@/lib/api/respond";
import { buildOpenApiDocument } from "@/lib/openapi/document";

// GET /api/openapi.json — the OpenAPI 3.1 description of this API; no session needed
export function GET(): Response {
  return json(buildOpenApiDocument());
}
