import { z } from "zod";
import { activeBusinessCookie } from "@/lib/api/active-business";
import { AppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { uuid } from "@/lib/api/uuid";
import { withScope } from "@/lib/api/with-scope";

const SwitchBusiness = z.object({ businessId: uuid() }).strict();

// POST /api/session/business — switch the active business of a user with several memberships
export const POST = withScope(async ({ req, actor }) => {
  const { businessId } = await parseJsonBody(req, SwitchBusiness);
  const membership = actor.memberships.find((candidate) => candidate.businessId === businessId);
  if (!membership) throw new AppError("forbidden", "You are not a member of that business");
  const secure = new URL(req.url).protocol === "https:";
  return json({ activeBusinessId: businessId }, 200, { "set-cookie": activeBusinessCookie(businessId, secure) });
});
