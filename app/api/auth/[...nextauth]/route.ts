import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { clientIp, isLoginThrottled } from "@/lib/auth/login-throttle";
import { json } from "@/lib/api/respond";

export const GET = handlers.GET;

// POST /api/auth/* — next-auth, with sign-in attempts throttled per account and per address
export async function POST(req: NextRequest): Promise<Response> {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "");
    if (await isLoginThrottled({ email, ip: clientIp(req.headers) })) {
      return json({ error: { code: "rate_limited", message: "Too many failed sign-ins; try again in 15 minutes" } }, 429, {
        "retry-after": "900",
      });
    }
  }
  return handlers.POST(req);
}
