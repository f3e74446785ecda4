import { ERROR_STATUS, type ErrorCode } from "../errors";
import { queryParameters, requestSchema, responseSchema } from "./json-schema";
import { OPERATIONS, type Operation } from "./operations";

const DESCRIPTION = `Automation runs background jobs for businesses and tracks their runs.

**Signing in.** Every route but the health checks and this description needs the session cookie
next-auth sets on sign-in. next-auth's own routes under \`/api/auth/*\` are not described here:
\`GET /api/auth/csrf\` returns \`{ csrfToken }\` (and sets its cookie); \`POST
/api/auth/callback/credentials\` with the form fields \`email\`, \`password\` and \`csrfToken\`
signs in and sets the session cookie (\`authjs.session-token\`, \`__Secure-authjs.session-token\`
over HTTPS); \`GET /api/auth/session\` shows the session; \`POST /api/auth/signout\` ends it. A
sign-in refused by the sign-in limits answers 429 \`rate_limited\` with \`Retry-After\`.

**Cross-site requests.** A request that changes something (any method but GET, HEAD and OPTIONS)
is refused with 403 \`forbidden\` when its \`Sec-Fetch-Site\` header is present and neither
\`same-origin\` nor \`none\`, or when its \`Origin\` header is present and not this site's origin.
Clients outside a browser send neither header and are not affected.

**Tenancy.** A user works in one business at a time (\`POST /api/session/business\`); a run or
attachment of another business answers 404 exactly like a missing one.

**Errors.** Every error answers \`{ "error": { "code", "message", "issues"? } }\`; \`issues\` lists
the invalid fields of a request. The codes and their statuses: ${Object.entries(ERROR_STATUS)
  .map(([code, status]) => `\`${code}\` ${status}`)
  .join(", ")}.`;

const SIGNED_IN_ERRORS: ErrorCode[] = ["unauthorized", "forbidden", "internal_error"];

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      additionalProperties: false,
      properties: {
        code: { type: "string", enum: Object.keys(ERROR_STATUS) },
        message: { type: "string" },
        issues: {
          type: "array",
          items: {
            type: "object",
            required: ["path", "message"],
            additionalProperties: false,
            properties: { path: { type: "string" }, message: { type: "string" } },
          },
        },
      },
    },
  },
};

/** The error codes of one operation, grouped under the HTTP status each answers with. */
function errorResponses(operation: Operation): Record<string, unknown> {
  // Routes hidden from everyone but their readers answer a 404 instead of a 401 or 403.
  const signedInErrors = operation.metricsToken || operation.systemAdminOnly ? ["internal_error" as const] : SIGNED_IN_ERRORS;
  const codes = new Set<ErrorCode>([...(operation.signedIn ? signedInErrors : []), ...(operation.errors ?? [])]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, statusCodes]) => [
      String(status),
      {
        description: `Error ${statusCodes.map((code) => `\`${code}\``).join(" or ")}`,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );
}

function successResponses(operation: Operation): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.empty ? {} : { content: responseContent(response) }),
      },
    ]),
  );
}

function responseContent(response: Operation["responses"][number]): Record<string, unknown> {
  return response.eventStream
    ? { "text/event-stream": { schema: { type: "string" } } }
    : response.binary
          ? { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } }
          : response.text
            ? { "text/plain": { schema: { type: "string" } } }
            : { "application/json": { schema: response.schema ? responseSchema(response.schema) : {} } };
}

function describe(operation: Operation): Record<string, unknown> {
  const pathParameters = Object.entries(operation.pathParams ?? {}).map(([name, schema]) => ({
    name,
    in: "path",
    required: true,
    schema: requestSchema(schema),
  }));
  const parameters = [...pathParameters, ...(operation.query ? queryParameters(operation.query) : [])];
  return {
    summary: operation.summary,
    operationId: `${operation.method}${operation.path.replace(/^\/api/, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => next?.toUpperCase() ?? "")}`,
    security: operation.signedIn ? [{ sessionCookie: [] }, ...(operation.metricsToken ? [{ metricsToken: [] }] : [])] : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body
      ? { requestBody: { required: true, content: { "application/json": { schema: requestSchema(operation.body) } } } }
      : {}),
    responses: { ...successResponses(operation), ...errorResponses(operation) },
  };
}

/** The OpenAPI 3.1 description of every route under /api but next-auth's own. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) paths[operation.path] = { ...paths[operation.path], [operation.method]: describe(operation) };
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "Automation API", version: "1.0.0", description: DESCRIPTION },
    security: [{ sessionCookie: [] }],
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The next-auth session cookie (`__Secure-authjs.session-token` over HTTPS), set by signing in at `/api/auth/callback/credentials`.",
        },
        metricsToken: {
          type: "http",
          scheme: "bearer",
          description: "The `METRICS_TOKEN` the web process was started with, for a Prometheus scraper.",
        },
      },
    },
  };
}
