import { describe, expect, it, vi } from "vitest";
import { cacheSessionDecoding, sessionCookieKey } from "./session-cookie-cache";

const alice = { userId: "alice", sessionVersion: 3 };
const session = (value: string) => ({ name: "authjs.session-token", value });
const other = { name: "automation-business", value: "b-1" };

describe("decoding a session cookie once", () => {
  it("decodes a cookie it has not seen and remembers what it decoded to", async () => {
    const decode = vi.fn(async () => alice);
    const identityOf = cacheSessionDecoding(decode);
    expect(await identityOf([session("token-1"), other])).toEqual(alice);
    expect(await identityOf([other, session("token-1")])).toEqual(alice);
    expect(decode).toHaveBeenCalledTimes(1);
    await identityOf([session("token-2")]);
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it("answers nobody without decoding when the request has no session cookie", async () => {
    const decode = vi.fn(async () => alice);
    expect(await cacheSessionDecoding(decode)([other])).toBeNull();
    expect(decode).not.toHaveBeenCalled();
  });

  it("does not remember a cookie that decodes to nobody", async () => {
    const decode = vi.fn(async () => null);
    const identityOf = cacheSessionDecoding(decode);
    expect(await identityOf([session("forged")])).toBeNull();
    expect(await identityOf([session("forged")])).toBeNull();
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it("decodes again once the remembered answer is older than its time to live", async () => {
    let now = 50_000;
    const decode = vi.fn(async () => alice);
    const identityOf = cacheSessionDecoding(decode, { ttlMs: 1_000, clock: { now: () => now } });
    await identityOf([session("token-1")]);
    now = 50_900;
    await identityOf([session("token-1")]);
    expect(decode).toHaveBeenCalledTimes(1);
    now = 51_500;
    await identityOf([session("token-1")]);
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it("keys on every chunk of a long token, under either cookie prefix", () => {
    expect(sessionCookieKey([{ name: "__Secure-authjs.session-token.1", value: "b" }, { name: "__Secure-authjs.session-token.0", value: "a" }, other])).toBe(
      "__Secure-authjs.session-token.0=a; __Secure-authjs.session-token.1=b",
    );
    expect(sessionCookieKey([{ name: "authjs.session-token-evil", value: "x" }])).toBe("");
  });
});
