import { loadActor } from "../lib/tenancy/actor";
import { resolveAccess, type Access } from "../lib/tenancy/resolve-access";
import { createBusiness, createUser } from "./fixtures";

/** A business with a member and an admin, plus a system admin, each as the API gate resolves them. */
export async function createTriggerCallers(options: { businessStatus?: string } = {}) {
  const business = await createBusiness({ status: options.businessStatus });
  const accessOf = async (user: { id: string }): Promise<Access> => resolveAccess((await loadActor(user.id))!, business.id);
  const [member, admin, sysadmin] = await Promise.all([
    createUser({ memberships: [{ businessId: business.id, role: "member" }] }),
    createUser({ memberships: [{ businessId: business.id, role: "admin" }] }),
    createUser({ isSystemAdmin: true }),
  ]);
  return { business, member: await accessOf(member), admin: await accessOf(admin), sysadmin: await accessOf(sysadmin) };
}
