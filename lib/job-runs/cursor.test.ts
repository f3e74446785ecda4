import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor } from "./cursor";

const at = { createdAt: new Date("2026-11-23T10:00:00.123Z"), id: "5f0c8e8e-4b4e-4c9a-9d59-1f0b8b2d9a10" };

describe("run cursors", () => {
  it("round-trip the keyset position in either order", () => {
    expect(decodeCursor(encodeCursor({ ...at, order: "newest" }))).toEqual({ ...at, order: "newest" });
    expect(decodeCursor(encodeCursor({ ...at, order: "oldest" }), "oldest")).toEqual({ ...at, order: "oldest" });
  });

  it("keep reading newest-first cursors written before there was a choice of order", () => {
    const old = Buffer.from(`${at.createdAt.getTime()}:${at.id}`).toString("base64url");
    expect(decodeCursor(old)).toEqual({ ...at, order: "newest" });
  });

  it("refuse a cursor of the other order with a 400 rather than a page from the wrong end", () => {
    expect(() => decodeCursor(encodeCursor({ ...at, order: "newest" }), "oldest")).toThrow(AppError);
    expect(() => decodeCursor(encodeCursor({ ...at, order: "oldest" }), "newest")).toThrow(AppError);
  });

  it("reject anything else with a 400", () => {
    for (const value of ["", "abc", Buffer.from("1:not-an-id").toString("base64url"), Buffer.from("x:5f0c8e8e-4b4e-4c9a-9d59-1f0b8b2d9a10").toString("base64url")]) {
      expect(() => decodeCursor(value)).toThrow(AppError);
    }
  });
});
