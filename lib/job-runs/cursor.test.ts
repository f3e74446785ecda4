import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor } from "./cursor";

describe("run cursors", () => {
  it("round-trip the keyset position", () => {
    const position = { createdAt: new Date("2026-11-23T10:00:00.123Z"), id: "5f0c8e8e-4b4e-4c9a-9d59-1f0b8b2d9a10" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it("reject anything else with a 400", () => {
    for (const value of ["", "abc", Buffer.from("1:not-an-id").toString("base64url"), Buffer.from("x:5f0c8e8e-4b4e-4c9a-9d59-1f0b8b2d9a10").toString("base64url")]) {
      expect(() => decodeCursor(value)).toThrow(AppError);
    }
  });
});
