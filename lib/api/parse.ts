import type { z } from "zod";
import { AppError } from "../errors";
import { readBodyText } from "./read-body";
import { zodToAppError } from "./respond";

const MAX_BODY_BYTES = 64 * 1024;

/** Query string → object; a repeated key (status=a&status=b) becomes a comma list. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const values = new Map<string, string[]>();
  for (const [key, value] of new URL(req.url).searchParams) values.set(key, [...(values.get(key) ?? []), value]);
  const raw = Object.fromEntries([...values].map(([key, list]) => [key, list.join(",")]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw zodToAppError(parsed.error, "The query string is not valid");
  return parsed.data;
}

export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const text = await readBodyText(req, MAX_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw zodToAppError(parsed.error);
  return parsed.data;
}

export function parseParam<S extends z.ZodType>(value: unknown, schema: S, name: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", `The ${name} is not valid`);
  return parsed.data;
}
