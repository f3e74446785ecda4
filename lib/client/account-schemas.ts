import { z } from "zod";

// Shapes of the signed-in user's answers (/api/me, /api/businesses, /api/session/business); kept
// free of React so the API description can read them on the server.

export const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), isSystemAdmin: z.boolean() }),
  role: z.enum(["system_admin", "admin", "member"]),
  activeBusinessId: z.string().nullable(),
  memberships: z.array(
    z.object({
      businessId: z.string(),
      businessName: z.string(),
      businessSlug: z.string(),
      businessStatus: z.string(),
      role: z.enum(["admin", "member"]),
    }),
  ),
});
export type Me = z.infer<typeof Me>;

export const BusinessList = z.object({
  businesses: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), status: z.string() })),
});
export type BusinessSummary = z.infer<typeof BusinessList>["businesses"][number];

export const BusinessSwitched = z.object({ activeBusinessId: z.string() });
