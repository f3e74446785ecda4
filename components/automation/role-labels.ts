import type { Me } from "@/lib/client/me";

export const ROLE_LABELS: Record<Me["role"], string> = {
  system_admin: "System admin",
  admin: "Admin",
  member: "Member",
};
