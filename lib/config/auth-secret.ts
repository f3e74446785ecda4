import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readEnv } from "./env";

/**
 * AUTH_SECRET from the environment, or from a local file generated on first run so that a fresh
 * checkout signs sessions with a secret of its own and keeps it across restarts.
 */
export function resolveAuthSecret(): string {
  const env = readEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.resolve(env.AUTH_SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // "wx" fails if another process created it first; that process's secret wins.
    try {
      writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readFileSync(file, "utf8").trim();
}
