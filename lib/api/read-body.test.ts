import { describe, expect, it } from "vitest";
import { readBodyText } from "./read-body";

const LIMIT = 64 * 1024;
const CHUNK = 16 * 1024;

/** A request whose body streams `chunks` chunks of 16 KiB and records how many were pulled. */
function streamingRequest(chunks: number, headers: Record<string, string> = {}) {
  const pulled = { chunks: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks === chunks) return controller.close();
      pulled.chunks += 1;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
  });
  const req = new Request("http://localhost/api/job-runs", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { req, pulled };
}

describe("readBodyText", () => {
  it("stops reading an oversized body once it passes the limit", async () => {
    const { req, pulled } = streamingRequest(640);
    await expect(readBodyText(req, LIMIT)).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
    expect(pulled.chunks).toBeLessThanOrEqual(LIMIT / CHUNK + 2);
  });

  it("refuses a declared Content-Length over the limit without reading at all", async () => {
    const { req, pulled } = streamingRequest(640, { "content-length": String(640 * CHUNK) });
    await expect(readBodyText(req, LIMIT)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled.chunks).toBeLessThanOrEqual(1);
  });

  it("reads a body within the limit whole, multi-byte characters included", async () => {
    const text = `{"note":"${"é".repeat(20_000)}"}`;
    const req = new Request("http://localhost/", { method: "POST", body: text });
    await expect(readBodyText(req, LIMIT)).resolves.toBe(text);
  });
});
