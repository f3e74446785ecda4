import { createDb, type Db } from "../../lib/db/client";
import { grantProcessDatabaseAccess } from "../../lib/db/database-access";
import { hashPassword } from "../../lib/auth/password";
import { E2E_DATABASE_URL } from "../server-env";
import { PASSWORD } from "./roles";

let db: Db | undefined;

// The tests arrange and check rows of several businesses; the server they test gets no such grant.
grantProcessDatabaseAccess("end-to-end test arrangement and checks");

/** Direct access to the end-to-end server's database, for arranging and checking what HTTP cannot. */
export function testDb(): Db {
  db ??= createDb(E2E_DATABASE_URL);
  return db;
}

export async function businessIdBySlug(slug: string): Promise<string> {
  const business = await testDb().business.findUniqueOrThrow({ where: { slug } });
  return business.id;
}

/** A user of one business made for a single test, so the test can change it without touching the demo users. */
export async function createMember({ email, slug, role = "member" }: { email: string; slug: string; role?: string }) {
  const businessId = await businessIdBySlug(slug);
  const user = await testDb().user.upsert({
    where: { email },
    update: {},
    create: { email, name: email.split("@")[0]!, passwordHash: await hashPassword(PASSWORD) },
  });
  await testDb().membership.upsert({
    where: { userId_businessId: { userId: user.id, businessId } },
    update: { role },
    create: { userId: user.id, businessId, role },
  });
  return { userId: user.id, businessId };
}
