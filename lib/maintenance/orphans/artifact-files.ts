import { rm } from "node:fs/promises";
import path from "node:path";

export interface ArtifactFile {
  attachmentId: string;
  businessId: string;
  storageKey: string;
}

export interface FileRemovalFailure {
  file: ArtifactFile;
  reason: string;
}

/**
 * Removes the files of attachments whose rows are already deleted and committed. A file that is
 * already gone is fine; a key that would leave its business's folder is refused, never followed.
 */
export async function removeArtifactFiles({
  storageDir,
  files,
}: {
  storageDir: string;
  files: ArtifactFile[];
}): Promise<FileRemovalFailure[]> {
  const failures: FileRemovalFailure[] = [];
  for (const file of files) {
    const businessFolder = path.resolve(storageDir, file.businessId);
    const target = path.resolve(businessFolder, file.storageKey);
    const relative = path.relative(businessFolder, target);
    if (!file.businessId || !relative || relative.startsWith("..") || path.isAbsolute(relative)) {
      failures.push({ file, reason: "storage key points outside the business's storage folder" });
      continue;
    }
    try {
      await rm(target, { force: true });
    } catch (error) {
      failures.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return failures;
}
