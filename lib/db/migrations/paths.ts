import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MigrationProvider } from "./provider";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The repository's prisma/ folder, independent of the working directory. */
export const defaultPrismaDir = path.join(repoRoot, "prisma");

export interface ProviderPaths {
  schemaPath: string;
  migrationsDir: string;
}

/** Each provider keeps its own schema and migration history: prisma/<provider>/. */
export function providerPaths(provider: MigrationProvider, prismaDir = defaultPrismaDir): ProviderPaths {
  const providerDir = path.join(prismaDir, provider);
  return {
    schemaPath: path.join(providerDir, "schema.prisma"),
    migrationsDir: path.join(providerDir, "migrations"),
  };
}
