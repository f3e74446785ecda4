import { uuid } from "../api/uuid";

/** The `[id]` of GET /api/attachments/[id]. */
export const AttachmentId = uuid("must be an attachment id (UUID)");
