import { z } from "zod";

type JsonSchema = Record<string, unknown>;

// OpenAPI 3.1 schema objects are JSON Schema 2020-12; the document names the dialect once, so
// each schema drops its own `$schema`.
function convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  return rest;
}

/** What a caller may send: the input side of the schema, before transforms and defaults. */
export const requestSchema = (schema: z.ZodType) => convert(schema, "input");

/** What the route answers: the output side of the schema the browser parses it with. */
export const responseSchema = (schema: z.ZodType) => convert(schema, "output");

/** One `in: query` parameter per property of an object schema of a query string. */
export function queryParameters(schema: z.ZodType): JsonSchema[] {
  const { properties = {}, required = [] } = requestSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.includes(name),
    schema: property,
  }));
}
