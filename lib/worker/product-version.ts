import { readFileSync } from "node:fs";
import path from "node:path";

let version: string | undefined;

/** The version in package.json, shown next to each worker so a half-finished deploy stands out. */
export function productVersion(): string {
  if (version === undefined) {
    try {
      const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as { version?: unknown };
      version = typeof manifest.version === "string" ? manifest.version : "unknown";
    } catch {
      version = "unknown";
    }
  }
  return version;
}
