import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isWellFormedPath, securityHeaders, servesHttps } from "./lib/api/security-headers";

// Runs before every request: security headers on every response, a fresh script nonce for every
// page, and malformed URLs answered here, before routing tries to decode them.
export function proxy(request: NextRequest) {
  const https = servesHttps(process.env.APP_ORIGIN);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce, https, development: process.env.NODE_ENV === "development" });

  const response = isWellFormedPath(request.nextUrl.pathname) ? forward(request, csp) : malformed(request);
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

function forward(request: NextRequest, csp: string): NextResponse {
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  return NextResponse.next({ request: { headers } });
}

/** API routes answer 400 in the usual error shape; pages show the not-found page with a 404. */
function malformed(request: NextRequest): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json(
      { error: { code: "bad_request", message: "The URL is not valid: it has a malformed percent-encoding" } },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
  return NextResponse.rewrite(new URL("/not-found", request.url), { status: 404 });
}
