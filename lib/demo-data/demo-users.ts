export const DEMO_PASSWORD = "automation-demo";

export const DEMO_BUSINESSES = [
  { slug: "acme", name: "Acme Dental" },
  { slug: "birch", name: "Birch Clinic" },
] as const;

export const DEMO_USERS = [
  { email: "sysadmin@example.com", name: "Sam Sysadmin", isSystemAdmin: true, memberships: [] },
  { email: "admin@acme.example", name: "Ada Acme-Admin", isSystemAdmin: false, memberships: [{ slug: "acme", role: "admin" }] },
  { email: "member@acme.example", name: "Max Acme-Member", isSystemAdmin: false, memberships: [{ slug: "acme", role: "member" }] },
  { email: "admin@birch.example", name: "Bea Birch-Admin", isSystemAdmin: false, memberships: [{ slug: "birch", role: "admin" }] },
  {
    email: "multi@example.com",
    name: "Mo Multi",
    isSystemAdmin: false,
    memberships: [
      { slug: "acme", role: "member" },
      { slug: "birch", role: "member" },
    ],
  },
  { email: "nobody@example.com", name: "Nia Nobody", isSystemAdmin: false, memberships: [] },
] as const;

/** Appears in the params of every Birch run; no Acme response may ever contain it. */
export const BIRCH_CANARY = "BIRCH-CANARY-do-not-leak";
