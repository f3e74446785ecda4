import { json } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

// GET /api/health/live — the process is up; no session needed, nothing but the status in the body
export function GET(): Response {
  return json({ status: "ok" });
}
