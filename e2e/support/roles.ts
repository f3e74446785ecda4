import { E2E_PORT } from "../server-env";

export const ROLES = {
  sysadmin: "sysadmin@example.com",
  acmeAdmin: "admin@acme.example",
  acmeMember: "member@acme.example",
  birchAdmin: "admin@birch.example",
  multi: "multi@example.com",
  nobody: "nobody@example.com",
} as const;

export type Role = keyof typeof ROLES;

export const PASSWORD = "automation-demo";

export function storageStatePath(role: Role): string {
  return `e2e/.auth/${E2E_PORT}/${role}.json`;
}
