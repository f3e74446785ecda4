import { describe, expect, it } from "vitest";
import { createHandledWatch } from "./handled-watch";

describe("handled-count watch", () => {
  it("adds up the latest count of each process, across lines split between chunks", async () => {
    const watch = createHandledWatch();
    let reached = false;
    const done = watch.reached(10).then((outcome) => {
      reached = outcome;
    });
    watch.read(0, "ready\nhandled 3\nhand");
    watch.read(1, "handled 4\n");
    expect(watch.total()).toBe(7);
    expect(reached).toBe(false);
    // The first process's next count replaces its earlier one rather than adding to it.
    watch.read(0, "led 6\n");
    await done;
    expect(reached).toBe(true);
    expect(watch.total()).toBe(10);
  });

  it("ignores lines that are not counts", () => {
    const watch = createHandledWatch();
    watch.read(0, "report {\"handled\":99}\nhandled 2 jobs\nhandled 5\n");
    expect(watch.total()).toBe(5);
  });

  it("answers false when the budget runs out before the target", async () => {
    const watch = createHandledWatch();
    watch.read(0, "handled 1\n");
    await expect(watch.reached(10, { budgetMs: 1 })).resolves.toBe(false);
  });

  it("fails as soon as a worker process is found dead", async () => {
    const watch = createHandledWatch();
    const alive = () => {
      throw new Error("worker #0 exited");
    };
    await expect(watch.reached(10, { alive })).rejects.toThrow("worker #0 exited");
  });
});
