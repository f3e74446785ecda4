import { AppError } from "../errors";
import type { RunOrder } from "./schemas";

export type { RunOrder };

/** Keyset position: the last row's creation time and id, in the order the page was read in. */
export interface RunCursor {
  createdAt: Date;
  id: string;
  order: RunOrder;
}

export function encodeCursor(cursor: RunCursor): string {
  // Newest-first cursors keep their original spelling, so links made before there was a choice still work.
  const prefix = cursor.order === "oldest" ? "a:" : "";
  return Buffer.from(`${prefix}${cursor.createdAt.getTime()}:${cursor.id}`).toString("base64url");
}

export function decodeCursor(value: string, order: RunOrder = "newest"): RunCursor {
  const decoded = Buffer.from(value, "base64url").toString("utf8");
  const match = /^(a:)?(\d{1,15}):([0-9a-f-]{36})$/i.exec(decoded);
  if (!match) throw new AppError("bad_request", "The cursor is not valid");
  const cursorOrder: RunOrder = match[1] ? "oldest" : "newest";
  if (cursorOrder !== order) throw new AppError("bad_request", "The cursor belongs to the other order; start again from the first page");
  return { createdAt: new Date(Number(match[2])), id: match[3]!, order };
}
