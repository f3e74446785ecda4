import { json } from "@/lib/api/respond";
import { withScope } from "@/lib/api/with-scope";

// GET /api/me — the signed-in user, their memberships and the business they are working in
export const GET = withScope(async ({ actor, role, activeBusinessId }) =>
  json({
    user: { id: actor.userId, email: actor.email, name: actor.name, isSystemAdmin: actor.isSystemAdmin },
    role,
    activeBusinessId: activeBusinessId ?? null,
    memberships: actor.memberships,
  }),
);
