import { writeFileSync } from "node:fs";
import path from "node:path";

export interface Gate {
  /** The test-gate job's `gate` parameter. */
  path: string;
  /** Lets every run waiting at this gate finish, in whichever process it runs. */
  open(): void;
}

/** A gate for test-gate runs: a file in `dir` that does not exist until the test opens it. */
export function createGate(dir: string, name: string): Gate {
  const file = path.join(dir, `gate-${name}`);
  return { path: file, open: () => writeFileSync(file, "") };
}
