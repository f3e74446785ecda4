import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultPrismaDir } from "./paths";

/** A fresh folder removed by the returned cleanup. */
export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the repository's prisma/sqlite folder, to change without touching the real one. */
export function copySqlitePrismaDir(targetDir: string): string {
  const prismaDir = path.join(targetDir, "prisma");
  cpSync(path.join(defaultPrismaDir, "sqlite"), path.join(prismaDir, "sqlite"), { recursive: true });
  return prismaDir;
}
