import { RefusedError } from "./cli-errors";
import type { MaintenanceDb } from "./maintenance-db";

export interface BusinessChoice {
  id: string;
  slug: string;
  name: string;
  status: string;
}

const BUSINESS_SELECT = { id: true, slug: true, name: true, status: true } as const;

export async function listBusinesses({ db }: { db: MaintenanceDb }): Promise<BusinessChoice[]> {
  return db.business.findMany({ select: BUSINESS_SELECT, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** The business named by id or slug, if it may receive runs; refuses unknown and suspended ones. */
export async function findAssignableBusiness({ db, reference }: { db: MaintenanceDb; reference: string }): Promise<BusinessChoice> {
  const business = await db.business.findFirst({ where: { OR: [{ id: reference }, { slug: reference }] }, select: BUSINESS_SELECT });
  if (!business) throw new RefusedError(`No business has the id or slug "${reference}". Nothing was changed.`);
  assertAssignable(business);
  return business;
}

export function assertAssignable(business: BusinessChoice): void {
  if (business.status !== "active") {
    throw new RefusedError(
      `Business ${business.name} (${business.slug}) is ${business.status}; runs can only be assigned to an active business. Nothing was changed.`,
    );
  }
}

export function describeBusiness(business: BusinessChoice): string {
  return `${business.name} (${business.slug}, ${business.id})`;
}
