import { compileErrors, validate } from "@readme/openapi-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../errors";
import { buildOpenApiDocument } from "./document";

const document = buildOpenApiDocument() as unknown as OpenAPIV3_1.Document;

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    // The validator dereferences in place; it gets a copy so the other checks read the original.
    const result = await validate(structuredClone(document));
    expect(result.valid ? "" : compileErrors(result)).toBe("");
    expect(result.specification).toBe("OpenAPI");
    expect(document.openapi).toBe("3.1.0");
  });

  it("describes the one error shape with every error code", () => {
    const error = document.components?.schemas?.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(error.properties.error.properties.code.enum).toEqual(Object.keys(ERROR_STATUS));
  });

  it("takes request schemas from the route handlers' zod schemas", () => {
    const trigger = document.paths?.["/api/job-runs"]?.post?.requestBody as OpenAPIV3_1.RequestBodyObject;
    const body = trigger.content["application/json"]?.schema as OpenAPIV3_1.SchemaObject;
    expect(body.required).toEqual(["jobType"]);
    expect(body.additionalProperties).toBe(false);
    const list = document.paths?.["/api/job-runs"]?.get?.parameters as OpenAPIV3_1.ParameterObject[];
    expect(list.find((parameter) => parameter.name === "limit")?.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
  });

  it("asks for the session cookie everywhere but on the health checks and the description itself", () => {
    const open = Object.entries(document.paths ?? {})
      .filter(([, item]) => item?.get?.security?.length === 0)
      .map(([path]) => path);
    expect(open.sort()).toEqual(["/api/health/live", "/api/health/ready", "/api/openapi.json"]);
    expect(document.paths?.["/api/me"]?.get?.responses?.["401"]).toBeDefined();
  });
});
