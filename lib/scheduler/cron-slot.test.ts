import { describe, expect, it } from "vitest";
import { latestSlot } from "./cron-slot";

const at = (iso: string) => new Date(iso);

describe("latestSlot", () => {
  it("is the latest matching time at or before now, in UTC", () => {
    expect(latestSlot({ cron: "0 * * * *", now: at("2026-11-23T10:17:42.120Z") }).toISOString()).toBe("2026-11-23T10:00:00.000Z");
    expect(latestSlot({ cron: "0 3 * * *", now: at("2026-11-23T02:59:59.999Z") }).toISOString()).toBe("2026-11-22T03:00:00.000Z");
    expect(latestSlot({ cron: "0 3 * * *", now: at("2026-11-23T03:00:00.000Z") }).toISOString()).toBe("2026-11-23T03:00:00.000Z");
  });

  it("gives every moment inside one slot that slot's start, and the moments around it their own slots", () => {
    const slotOf = (iso: string) => latestSlot({ cron: "*/15 * * * *", now: at(iso) }).toISOString();
    const inside = ["2026-11-23T10:15:00.000Z", "2026-11-23T10:22:30.000Z", "2026-11-23T10:29:59.999Z"].map(slotOf);
    expect(inside).toEqual(["2026-11-23T10:15:00.000Z", "2026-11-23T10:15:00.000Z", "2026-11-23T10:15:00.000Z"]);
    expect(slotOf("2026-11-23T10:14:59.999Z")).toBe("2026-11-23T10:00:00.000Z");
    expect(slotOf("2026-11-23T10:30:00.000Z")).toBe("2026-11-23T10:30:00.000Z");
  });
});
