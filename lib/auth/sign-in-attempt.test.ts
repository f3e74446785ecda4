import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { hashPassword } from "./password";
import { attemptSignIn } from "./sign-in-attempt";

const PASSWORD = "correct horse battery";
useTempDatabase();

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  for (const email of ["race@example.com", "owner@example.com", "pair@example.com"]) {
    await getDb().user.create({ data: { email, name: email, passwordHash } });
  }
});

const kinds = (outcomes: { kind: string }[]) => outcomes.map((outcome) => outcome.kind);

describe("attemptSignIn", () => {
  it("checks at most ten of forty wrong passwords sent at once", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () => attemptSignIn({ email: "race@example.com", password: "wrong", ip: "203.0.113.40" })),
    );
    expect(kinds(outcomes).filter((kind) => kind === "wrong_credentials")).toHaveLength(10);
    expect(kinds(outcomes).filter((kind) => kind === "throttled")).toHaveLength(30);
    expect(await getDb().loginAttempt.count({ where: { email: "race@example.com" } })).toBe(10);
  });

  it("refuses an account on one address after ten failures there, and still checks it from another", async () => {
    const attempt = (password: string, ip: string) => attemptSignIn({ email: "pair@example.com", password, ip });
    for (let index = 0; index < 10; index++) expect((await attempt("wrong", "198.51.100.7")).kind).toBe("wrong_credentials");
    expect(await attempt(PASSWORD, "198.51.100.7")).toMatchObject({ kind: "throttled" });
    expect((await attempt(PASSWORD, "198.51.100.8")).kind).toBe("signed_in");
  });

  it("delays guesses at an account from many addresses, but not its owner at their own address", async () => {
    // All at one instant, so that the growing delay depends on the count alone, not on how fast this runs.
    const at = new Date();
    const owner = (password: string) => attemptSignIn({ email: "owner@example.com", password, ip: "192.0.2.1", at });
    expect((await owner(PASSWORD)).kind).toBe("signed_in");
    // Thirty addresses, one guess each: the per-address limits never trigger, the account's does.
    const guesses = [];
    for (let index = 0; index < 30; index++) {
      guesses.push((await attemptSignIn({ email: "owner@example.com", password: "guess", ip: `203.0.113.${100 + index}`, at })).kind);
    }
    expect(guesses).toEqual([...Array(20).fill("wrong_credentials"), ...Array(10).fill("throttled")]);
    expect(await attemptSignIn({ email: "owner@example.com", password: PASSWORD, ip: "203.0.113.250", at })).toEqual({
      kind: "throttled",
      retryAfterMs: 1_000,
    });

    expect((await owner("typo")).kind).toBe("wrong_credentials");
    expect((await owner(PASSWORD)).kind).toBe("signed_in");
  });
});
