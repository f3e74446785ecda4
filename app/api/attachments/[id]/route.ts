import { Readable } from "node:stream";
import { parseParam } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { AttachmentId } from "@/lib/storage/attachment-id";
import { openAttachmentDownload } from "@/lib/storage/download-service";
import { attachmentDisposition } from "@/lib/storage/file-names";

// GET /api/attachments/[id] — download an artifact of the caller's business
export const GET = withScope<{ id: string }>(async ({ scope, params }) => {
  const id = parseParam(params.id, AttachmentId, "attachment id");
  const download = await openAttachmentDownload({ scope, id });
  return new Response(Readable.toWeb(download.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": download.contentType,
      "content-length": String(download.size),
      "content-disposition": attachmentDisposition(download.fileName),
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
      "cache-control": "private, no-store",
    },
  });
});
