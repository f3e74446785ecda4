import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { loadSessionActor } from "../tenancy/actor";
import { bumpSessionVersion } from "../tenancy/identity-store";
import { changePassword, setSystemAdmin } from "./account-changes";
import { verifyPassword } from "./password";

useTempDatabase();

async function signedInUser(email: string, isSystemAdmin = false) {
  const user = await getDb().user.create({ data: { email, name: email, passwordHash: "scrypt$unused", isSystemAdmin } });
  const session = { userId: user.id, sessionVersion: user.sessionVersion };
  expect(await loadSessionActor(session)).toMatchObject({ userId: user.id });
  return session;
}

describe("ending sessions", () => {
  it("ends a signed-out session, and a stale session cannot end the newer ones", async () => {
    const session = await signedInUser("signs-out@example.com");
    expect(await bumpSessionVersion({ userId: session.userId, ifVersion: session.sessionVersion })).toBe(true);
    expect(await loadSessionActor(session)).toBeNull();

    const newer = { ...session, sessionVersion: session.sessionVersion + 1 };
    expect(await loadSessionActor(newer)).not.toBeNull();
    expect(await bumpSessionVersion({ userId: session.userId, ifVersion: session.sessionVersion })).toBe(false);
    expect(await loadSessionActor(newer)).not.toBeNull();
  });

  it("ends every session of a user whose password changes", async () => {
    const session = await signedInUser("new-password@example.com");
    expect(await changePassword({ userId: session.userId, newPassword: "a new passphrase" })).toBe(true);
    expect(await loadSessionActor(session)).toBeNull();
    const user = await getDb().user.findUniqueOrThrow({ where: { id: session.userId } });
    expect(await verifyPassword("a new passphrase", user.passwordHash)).toBe(true);
  });

  it("ends the sessions of a system admin who loses the rights, not of one who gains them", async () => {
    const admin = await signedInUser("former-admin@example.com", true);
    expect(await setSystemAdmin({ userId: admin.userId, isSystemAdmin: false })).toBe(true);
    expect(await loadSessionActor(admin)).toBeNull();

    const promoted = await signedInUser("promoted@example.com");
    expect(await setSystemAdmin({ userId: promoted.userId, isSystemAdmin: true })).toBe(true);
    expect(await loadSessionActor(promoted)).toMatchObject({ isSystemAdmin: true });
  });

  it("ends nothing for an unknown user", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await changePassword({ userId: unknown, newPassword: "x" })).toBe(false);
    expect(await loadSessionActor({ userId: unknown, sessionVersion: 0 })).toBeNull();
  });
});
