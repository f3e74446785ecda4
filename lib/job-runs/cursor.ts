import { AppError } from "../errors";

/** Keyset position in newest-first order: the last row's creation time and id. */
export interface RunCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: RunCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}:${cursor.id}`).toString("base64url");
}

export function decodeCursor(value: string): RunCursor {
  const decoded = Buffer.from(value, "base64url").toString("utf8");
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/i.exec(decoded);
  if (!match) throw new AppError("bad_request", "The cursor is not valid");
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}
