import { describe, expect, it } from "vitest";
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and rejects others", async () => {
    const hash = await hashPassword("automation-demo");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("automation-demo", hash)).toBe(true);
    expect(await verifyPassword("automation-demo ", hash)).toBe(false);
    expect(await hashPassword("automation-demo")).not.toBe(hash);
  });

  it("never matches the decoy or a malformed hash", async () => {
    expect(await verifyPassword("", DECOY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword("x", "plain-text")).toBe(false);
  });
});
