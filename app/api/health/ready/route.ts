import { json } from "@/lib/api/respond";
import { checkReadiness } from "@/lib/db/readiness";

export const dynamic = "force-dynamic";

// GET /api/health/ready — the database answers and every migration is applied (503 otherwise); no session needed
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  return readiness.ready ? json({ status: "ok" }) : json({ status: "unavailable" }, 503);
}
