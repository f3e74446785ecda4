import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** host:pid:random — unique per process start, readable in the attempts table. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}
