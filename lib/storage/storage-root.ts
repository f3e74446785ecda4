import path from "node:path";
import { readEnv } from "../config/env";

/** Absolute path of STORAGE_DIR; every business has one folder directly below it. */
export function storageRoot(): string {
  return path.resolve(readEnv().STORAGE_DIR);
}
