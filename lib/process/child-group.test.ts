import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { waitFor } from "../../test-support/wait-for";
import { startChildGroup } from "./child-group";

/** Running, as opposed to gone or a zombie waiting for an adoptive parent to reap it. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

const LONG = { command: process.execPath, args: ["-e", "setTimeout(() => {}, 60000)"] };

describe("startChildGroup", () => {
  it("stops the other children when one exits", async () => {
    const group = startChildGroup([LONG, { command: process.execPath, args: ["-e", "process.exit(3)"] }], { stdio: "ignore" });
    expect(await group.exited).toBe(3);
    expect(group.children[0]!.signalCode).toBe("SIGTERM");
  });

  it("reaches grandchildren that a wrapper started, through the process group", async () => {
    const wrapper = {
      command: process.execPath,
      args: ["-e", "const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' }); console.log(c.pid); process.on('SIGTERM', () => {});"],
    };
    const group = startChildGroup([wrapper], { stdio: ["ignore", "pipe", "ignore"] });
    const grandchild = await new Promise<number>((resolve) => group.children[0]!.stdout!.once("data", (data) => resolve(Number(String(data).trim()))));
    expect(isAlive(grandchild)).toBe(true);
    group.stop("SIGKILL");
    await group.exited;
    // The kill reaches the whole group at once; the grandchild is gone once the kernel has ended it.
    await waitFor(() => !isAlive(grandchild), { timeoutMs: 10_000, what: `grandchild ${grandchild} to end` });
  });
});
