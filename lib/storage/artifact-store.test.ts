import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { artifactStore } from "./artifact-store";
import { attachmentDisposition, safeFileName } from "./file-names";
import { businessFolder, resolveInside, resolveStorageKey, UnsafeStoragePathError } from "./safe-path";

const root = mkdtempSync(path.join(os.tmpdir(), "automation-storage-"));
const acme = "3f2b6a5e-1111-4c3d-9e8f-000000000001";
const birch = "3f2b6a5e-2222-4c3d-9e8f-000000000002";

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

describe("artifact store", () => {
  it("writes under <root>/<business>/<purpose>/<month>/<uuid>.<ext> and reads it back", async () => {
    const store = artifactStore({ businessId: acme, root });
    const written = await store.write({ purpose: "run-export", fileName: "report.CSV", content: "a,b\r\n", now: new Date("2026-11-23T00:00:00Z") });
    expect(written.storageKey).toMatch(/^run-export\/2026-11\/[0-9a-f-]{36}\.csv$/);
    expect(written.size).toBe(5);
    expect(written.sha256).toBe(createHash("sha256").update("a,b\r\n").digest("hex"));
    expect(readFileSync(path.join(root, acme, written.storageKey), "utf8")).toBe("a,b\r\n");
    const opened = await store.openRead(written.storageKey);
    expect(opened?.size).toBe(5);
    expect(await readAll(opened!.stream)).toBe("a,b\r\n");
    expect(await store.remove(written.storageKey)).toBe(5);
    expect(await store.openRead(written.storageKey)).toBeNull();
    expect(await store.remove(written.storageKey)).toBe(0);
  });

  it("refuses keys that are not generated ones, traversal included", async () => {
    const store = artifactStore({ businessId: acme, root });
    const attempts = [
      `../${birch}/run-export/2026-11/00000000-0000-0000-0000-000000000000.csv`,
      "run-export/2026-11/../../../etc/passwd",
      "/etc/passwd",
      "run-export/2026-11/00000000-0000-0000-0000-000000000000.csv/..",
      "run-export\\2026-11\\00000000-0000-0000-0000-000000000000.csv",
      "run-export/2026-11/%2e%2e%2f.csv",
      "",
    ];
    for (const key of attempts) {
      await expect(store.openRead(key), key).rejects.toThrow(UnsafeStoragePathError);
      await expect(store.remove(key), key).rejects.toThrow(UnsafeStoragePathError);
    }
    await expect(store.write({ purpose: "../escape", fileName: "x.csv", content: "x" })).rejects.toThrow(UnsafeStoragePathError);
  });

  it("refuses business ids that could name another folder", () => {
    for (const id of ["..", "../other", "a/b", ".hidden", "", "a".repeat(65)]) {
      expect(() => businessFolder(root, id), id).toThrow(UnsafeStoragePathError);
    }
    expect(businessFolder(root, acme)).toBe(path.join(root, acme));
  });

  it("does not follow a link planted in a business folder to another business's file", async () => {
    const birchStore = artifactStore({ businessId: birch, root });
    const secret = await birchStore.write({ purpose: "run-export", fileName: "secret.csv", content: "birch only" });
    const key = "run-export/2026-11/11111111-2222-4333-8444-555555555555.csv";
    mkdirSync(path.join(root, acme, "run-export", "2026-11"), { recursive: true });
    symlinkSync(path.join(root, birch, secret.storageKey), path.join(root, acme, key));
    const acmeStore = artifactStore({ businessId: acme, root });
    expect(await acmeStore.openRead(key)).toBeNull();
    expect(await acmeStore.remove(key)).toBe(0);
    expect(readFileSync(path.join(root, birch, secret.storageKey), "utf8")).toBe("birch only");
  });

  it("ignores files that are not regular files", async () => {
    const key = "run-export/2026-11/99999999-2222-4333-8444-555555555555.csv";
    mkdirSync(path.join(root, acme, key), { recursive: true });
    expect(await artifactStore({ businessId: acme, root }).openRead(key)).toBeNull();
  });

  it("resolves only strictly inside the parent", () => {
    expect(() => resolveInside(root, "..")).toThrow(UnsafeStoragePathError);
    expect(() => resolveInside(root, ".")).toThrow(UnsafeStoragePathError);
    expect(() => resolveStorageKey(path.join(root, acme), "run-export/2026-11/x.csv")).toThrow(UnsafeStoragePathError);
  });
});

describe("download file names", () => {
  it("strips path separators, quotes and control characters", () => {
    expect(safeFileName('../../etc/"passwd"\r\n.csv')).toBe("_.._etc_passwd_.csv");
    expect(safeFileName("")).toBe("download");
    expect(safeFileName("...")).toBe("download");
  });

  it("builds a Content-Disposition header with an ASCII fallback and the UTF-8 name", () => {
    const header = attachmentDisposition('Résumé "final";.csv');
    expect(header).toMatch(/^attachment; filename="R_sum_ _final__.csv"; filename\*=UTF-8''R%C3%A9sum%C3%A9%20_final_%3B.csv$/);
    expect(header).not.toMatch(/[\r\n]/);
  });
});
