import type { ErrorRegistry } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { withCapturedCause } from "./engine-errors";

function registryHolding(errors: Record<number, unknown>): ErrorRegistry {
  return { consumeError: (id) => (id in errors ? { error: errors[id] } : undefined) };
}

describe("withCapturedCause", () => {
  it("replaces the engine's external error id with the adapter's own message", () => {
    const original = new RangeError("The supplied SQL string contains more than one statement");
    const engineError = Object.assign(
      new Error("Migration `1_init` failed to apply cleanly to the shadow database.\nError:\nExternal error id#3\n"),
      { code: "P3006" },
    );

    const explained = withCapturedCause(engineError, registryHolding({ 3: original })) as Error & { code?: string };

    expect(explained.message).toContain("failed to apply cleanly to the shadow database");
    expect(explained.message).toContain("more than one statement");
    expect(explained.message).not.toContain("External error id#3");
    expect(explained.cause).toBe(original);
    expect(explained.code).toBe("P3006");
  });

  it("leaves other errors untouched", () => {
    const plain = new Error("Database `x` does not exist");
    expect(withCapturedCause(plain, registryHolding({}))).toBe(plain);
    const unknownId = new Error("External error id#9");
    expect(withCapturedCause(unknownId, registryHolding({}))).toBe(unknownId);
  });
});
