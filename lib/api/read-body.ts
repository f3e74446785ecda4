import { AppError } from "../errors";

/**
 * The request body as text, refused with 413 as soon as it passes `maxBytes`: a declared
 * Content-Length over the limit is refused before reading, and a body without one (or lying about
 * it) is counted while it streams, so an oversized upload is never read to its end.
 */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `The body is larger than ${Math.round(maxBytes / 1024)} KiB`);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
