import type { JobStorage } from "../jobs/define-job";
import type { ScopedDb } from "../tenancy/scoped-db";
import { artifactStore, type ArtifactStore } from "./artifact-store";
import { safeFileName } from "./file-names";

/**
 * What a handler of a tenant job sees as `storage`: files go to the business's folder and every
 * file gets an Attachment row in the same business, linked to the run.
 */
export function createJobStorage({
  businessId,
  runId,
  db,
  store = artifactStore({ businessId }),
}: {
  businessId: string;
  runId: string;
  /** Must be scoped to `businessId`. */
  db: ScopedDb;
  store?: ArtifactStore;
}): JobStorage {
  if (store.businessId !== businessId) throw new Error("The artifact store belongs to another business");
  return {
    async writeArtifact({ purpose, fileName, contentType, content }) {
      const name = safeFileName(fileName);
      const written = await store.write({ purpose, fileName: name, content });
      try {
        const row = await db.attachment.create({
          data: {
            businessId,
            runId,
            purpose,
            fileName: name,
            contentType,
            storageKey: written.storageKey,
            size: written.size,
            sha256: written.sha256,
          },
          select: { id: true },
        });
        return { id: row.id, fileName: name, size: written.size, sha256: written.sha256 };
      } catch (error) {
        // Without its row nobody could ever download or clean up the file.
        await store.remove(written.storageKey).catch(() => 0);
        throw error;
      }
    },

    async deleteArtifact({ id }) {
      const row = await db.attachment.findFirst({ where: { id }, select: { id: true, storageKey: true } });
      if (!row) return null;
      // Row first: a file without a row is only wasted space, a row without a file is a broken download.
      const { count } = await db.attachment.deleteMany({ where: { id: row.id } });
      if (count === 0) return null;
      return { bytesFreed: await store.remove(row.storageKey).catch(() => 0) };
    },
  };
}

/** System runs have no business and therefore no folder. */
export const NO_STORAGE: JobStorage = {
  async writeArtifact() {
    throw new Error("System runs have no artifact storage; artifacts belong to a business");
  },
  async deleteArtifact() {
    throw new Error("System runs have no artifact storage; artifacts belong to a business");
  },
};
