import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { isThrottledSignInResponse } from "@/lib/auth/sign-in-throttled";
import { LOGIN_WINDOW_MS } from "@/lib/auth/login-throttle";
import { json } from "@/lib/api/respond";

export const GET = handlers.GET;

// POST /api/auth/* — next-auth; a sign-in the throttle refused answers 429
export async function POST(req: NextRequest): Promise<Response> {
  const response = await handlers.POST(req);
  if (!new URL(req.url).pathname.endsWith("/callback/credentials") || !(await isThrottledSignInResponse(response))) return response;
  return json({ error: { code: "rate_limited", message: "Too many failed sign-ins; try again later" } }, 429, {
    "retry-after": String(LOGIN_WINDOW_MS / 1000),
  });
}
