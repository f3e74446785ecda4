import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedForwardedValue } from "./trusted-proxy";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddress", () => {
  it("uses the connection's address and ignores forwarded headers when no proxy is trusted", () => {
    const spoofed = headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.5", "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" });
    expect(clientAddress(spoofed, { hops: 0, serverSetsAddress: true })).toBe("192.0.2.5");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9" }), { hops: 0, serverSetsAddress: true })).toBe("unknown");
  });

  it("takes the address the trusted proxies appended, counting hops from the right", () => {
    const chain = headers({ [CLIENT_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.1" });
    expect(clientAddress(chain, { hops: 1, serverSetsAddress: true })).toBe("10.0.0.1");
    expect(clientAddress(chain, { hops: 2, serverSetsAddress: true })).toBe("198.51.100.4");
    expect(clientAddress(chain, { hops: 5, serverSetsAddress: true })).toBe("6.6.6.6");
  });

  it("falls back to the connection when a trusted proxy sent no forwarded address", () => {
    expect(clientAddress(headers({ [CLIENT_ADDRESS_HEADER]: "::ffff:127.0.0.1" }), { hops: 1, serverSetsAddress: true })).toBe("127.0.0.1");
  });
});

it("never reads the client-address header when no web server entry set it, as under next start", () => {
  expect(clientAddress(headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.4" }), { hops: 0, serverSetsAddress: false })).toBe("unknown");
});

describe("trustedForwardedValue", () => {
  it("is null without trust or without a value", () => {
    expect(trustedForwardedValue("evil.example", 0)).toBeNull();
    expect(trustedForwardedValue(null, 1)).toBeNull();
    expect(trustedForwardedValue(" , ", 1)).toBeNull();
    expect(trustedForwardedValue("evil.example, app.example", 1)).toBe("app.example");
  });
});
