import { activeBusinessCookie, SwitchBusinessBody } from "@/lib/api/active-business";
import { AppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/api/parse";
import { json } from "@/lib/api/respond";
import { withScope } from "@/lib/api/with-scope";

// POST /api/session/business — switch the active business of a user with several memberships
export const POST = withScope(async ({ req, actor }) => {
  const { businessId } = await parseJsonBody(req, SwitchBusinessBody);
  const membership = actor.memberships.find((candidate) => candidate.businessId === businessId);
  if (!membership) throw new AppError("forbidden", "You are not a member of that business");
  const secure = new URL(req.url).protocol === "https:";
  return json({ activeBusinessId: businessId }, 200, { "set-cookie": activeBusinessCookie(businessId, secure) });
});
