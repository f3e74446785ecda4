import { hashPassword } from "../../lib/auth/password";
import type { SeededRandom } from "../../lib/demo-data/random";
import { seededUuid } from "./seeded-uuid";
import type { BusinessRow, MembershipRow, UserRow } from "./tables";

export const SCALE_PASSWORD = "automation-bench";

// Tenant sizes follow a power law, as customers' do: with 1,000 businesses the largest has about
// 4% of all runs and the median one a tenth of the average.
const SIZE_EXPONENT = 0.7;

export interface ScaleUser {
  id: string;
  email: string;
}

export interface ScaleTenants {
  businesses: BusinessRow[];
  /** Running total of each business's share of the runs, for picking a run's business. */
  cumulativeShare: Float64Array;
  /** Every business has an admin, who is who triggers its manual runs. */
  adminIds: string[];
  /** A plain member of the largest business: the heaviest per-business views. */
  member: ScaleUser & { businessId: string };
  sysadmin: ScaleUser;
  users: UserRow[];
  memberships: MembershipRow[];
}

export async function buildTenants(random: SeededRandom, count: number, now: number): Promise<ScaleTenants> {
  const createdAt = now - 400 * 86_400_000;
  const businesses = Array.from({ length: count }, (_, index) => ({
    id: seededUuid(random),
    name: `Scale Business ${index + 1}`,
    slug: `scale-${index + 1}`,
    createdAt,
  }));
  const weights = businesses.map((_, index) => 1 / (index + 1) ** SIZE_EXPONENT);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulativeShare = new Float64Array(count);
  let running = 0;
  weights.forEach((weight, index) => {
    running += weight / total;
    cumulativeShare[index] = running;
  });

  // One hash for everyone: scrypt is deliberately slow, and a thousand of them would take a minute.
  const passwordHash = await hashPassword(SCALE_PASSWORD);
  const user = (email: string, name: string, isSystemAdmin = false): UserRow => ({ id: seededUuid(random), email, name, passwordHash, isSystemAdmin, createdAt });
  const admins = businesses.map((business, index) => user(`admin@scale-${index + 1}.example`, `Admin of ${business.name}`));
  const member = user("member@scale-1.example", "Member of Scale Business 1");
  const sysadmin = user("sysadmin@scale.example", "Scale Sysadmin", true);
  const memberships: MembershipRow[] = [
    ...admins.map((admin, index) => ({ id: seededUuid(random), userId: admin.id, businessId: businesses[index]!.id, role: "admin" as const, createdAt })),
    { id: seededUuid(random), userId: member.id, businessId: businesses[0]!.id, role: "member", createdAt },
  ];
  return {
    businesses,
    cumulativeShare,
    adminIds: admins.map((admin) => admin.id),
    member: { id: member.id, email: member.email, businessId: businesses[0]!.id },
    sysadmin: { id: sysadmin.id, email: sysadmin.email },
    users: [...admins, member, sysadmin],
    memberships,
  };
}

/** The business a run belongs to, by the tenants' sizes. */
export function pickBusinessIndex(tenants: ScaleTenants, roll: number): number {
  const shares = tenants.cumulativeShare;
  let low = 0;
  let high = shares.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (shares[middle]! > roll) high = middle;
    else low = middle + 1;
  }
  return low;
}
