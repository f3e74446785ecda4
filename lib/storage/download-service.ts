import type { ReadStream } from "node:fs";
import { AppError } from "../errors";
import { scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { artifactStore } from "./artifact-store";
import { UnsafeStoragePathError } from "./safe-path";

export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  stream: ReadStream;
}

/** Missing, other-business and unreadable attachments all get this, so none can be told apart. */
export function attachmentNotFound(): AppError {
  return new AppError("not_found", "Attachment not found");
}

/**
 * Opens an attachment for download. The row is read through the caller's scope, so another
 * business's attachment is simply not found; the file is opened in the row's own business folder
 * through a generated key that must resolve inside it.
 */
export async function openAttachmentDownload({ scope, id }: { scope: Scope; id: string }): Promise<AttachmentDownload> {
  const attachment = await scopedDb(scope).attachment.findFirst({
    where: { id },
    select: { businessId: true, fileName: true, contentType: true, storageKey: true, sha256: true },
  });
  if (!attachment) throw attachmentNotFound();
  try {
    const opened = await artifactStore({ businessId: attachment.businessId }).openRead(attachment.storageKey);
    if (!opened) throw attachmentNotFound();
    return {
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      size: opened.size,
      sha256: attachment.sha256,
      stream: opened.stream,
    };
  } catch (error) {
    if (error instanceof UnsafeStoragePathError) throw attachmentNotFound();
    throw error;
  }
}
