import type http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "../config/trusted-proxy";
import { createWebServer } from "./web-server";

// The route side as sign-in sees it: the request's headers, then the address the limits count.
function requestHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = createWebServer(async (req, res) => {
    const hops = Number(new URL(req.url ?? "/", "http://local").searchParams.get("trustProxy") ?? "0");
    res.end(clientAddress(requestHeaders(req), { hops }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const addressSeen = async (headers: Record<string, string>, trustProxy = 0) =>
  (await fetch(`${baseUrl}/?trustProxy=${trustProxy}`, { headers })).text();

describe("the web server entry", () => {
  it("counts the connection's address, whatever forwarded or internal headers the client sends", async () => {
    const spoofs: Record<string, string>[] = [
      {},
      { "x-forwarded-for": "203.0.113.1" },
      { "x-forwarded-for": "203.0.113.2, 198.51.100.2", "x-real-ip": "203.0.113.3" },
      { [CLIENT_ADDRESS_HEADER]: "203.0.113.4" },
    ];
    for (const headers of spoofs) expect(await addressSeen(headers)).toBe("127.0.0.1");
  });

  it("with one trusted proxy, counts the right-most forwarded address", async () => {
    expect(await addressSeen({ "x-forwarded-for": "6.6.6.6, 198.51.100.9" }, 1)).toBe("198.51.100.9");
    expect(await addressSeen({ "x-forwarded-for": "7.7.7.7, 198.51.100.9", [CLIENT_ADDRESS_HEADER]: "1.1.1.1" }, 1)).toBe("198.51.100.9");
    expect(await addressSeen({}, 1)).toBe("127.0.0.1");
  });
});
