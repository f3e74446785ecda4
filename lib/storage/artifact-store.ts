import { createHash, randomUUID } from "node:crypto";
import { constants, type ReadStream } from "node:fs";
import { mkdir, open, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { businessFolder, isStrictlyInside, resolveStorageKey, UnsafeStoragePathError } from "./safe-path";
import { storageExtension } from "./file-names";
import { storageRoot } from "./storage-root";

export interface WrittenArtifact {
  /** Relative to the business folder. */
  storageKey: string;
  size: number;
  sha256: string;
}

export interface OpenedArtifact {
  stream: ReadStream;
  size: number;
}

/** Files of one business. Every path it touches is derived from a generated key and checked to stay inside. */
export interface ArtifactStore {
  readonly businessId: string;
  write(input: { purpose: string; fileName: string; content: string | Uint8Array; now?: Date }): Promise<WrittenArtifact>;
  /** Null when the file does not exist (or is not a regular file inside the folder). */
  openRead(storageKey: string): Promise<OpenedArtifact | null>;
  /** Bytes removed; 0 when the file was already gone. */
  remove(storageKey: string): Promise<number>;
}

const PURPOSE = /^[a-z][a-z0-9-]{0,39}$/;

export function artifactStore({ businessId, root = storageRoot() }: { businessId: string; root?: string }): ArtifactStore {
  const folder = businessFolder(root, businessId);

  return {
    businessId,

    async write({ purpose, fileName, content, now = new Date() }) {
      if (!PURPOSE.test(purpose)) throw new UnsafeStoragePathError(`Not a valid artifact purpose: ${purpose}`);
      const month = now.toISOString().slice(0, 7);
      const storageKey = `${purpose}/${month}/${randomUUID()}.${storageExtension(fileName)}`;
      const target = resolveStorageKey(folder, storageKey);
      await mkdir(path.dirname(target), { recursive: true });
      const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
      // Written under a temporary name and renamed, so a reader never sees half a file.
      const temporary = `${target}.${randomUUID()}.partial`;
      await writeFile(temporary, bytes, { flag: "wx" });
      await rename(temporary, target);
      return { storageKey, size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
    },

    async openRead(storageKey) {
      const target = resolveStorageKey(folder, storageKey);
      const real = await realPathInside(folder, target);
      if (!real) return null;
      // O_NOFOLLOW: the checked path cannot be swapped for a link between the check and the open.
      const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
      if (!handle) return null;
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      return { stream: handle.createReadStream(), size: info.size };
    },

    async remove(storageKey) {
      const target = resolveStorageKey(folder, storageKey);
      const real = await realPathInside(folder, target);
      if (!real) return 0;
      const info = await stat(real).catch(() => null);
      if (!info?.isFile()) return 0;
      await rm(real, { force: true });
      return info.size;
    },
  };
}

/**
 * Follows symbolic links and checks the real file is still inside the business's real folder, so a
 * link planted in the folder cannot expose another business's files.
 */
async function realPathInside(folder: string, target: string): Promise<string | null> {
  const [realFolder, realTarget] = await Promise.all([realpath(folder).catch(() => null), realpath(target).catch(() => null)]);
  if (!realFolder || !realTarget) return null;
  return isStrictlyInside(realFolder, realTarget) ? realTarget : null;
}
