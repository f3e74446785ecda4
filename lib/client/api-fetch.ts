import type { z } from "zod";
import { ApiError, ApiErrorBody } from "./api-error";

interface ApiFetchOptions {
  method?: "GET" | "POST";
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls one of the app's route handlers and parses the answer with `schema`, so components only
 * ever see validated data. Every failure becomes an ApiError with the server's code and message.
 */
export async function apiFetch<S extends z.ZodType>(path: string, schema: S, options: ApiFetchOptions = {}): Promise<z.output<S>> {
  const { method = "GET", body, signal } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: "same-origin",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }

  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ApiErrorBody.safeParse(payload);
    if (parsed.success) {
      const { code, message, issues } = parsed.data.error;
      throw new ApiError(response.status, code, message, issues);
    }
    throw new ApiError(response.status, "unexpected_response", `The server answered with status ${response.status}.`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError(response.status, "unexpected_response", "The server sent an answer this page does not understand.");
  }
  return parsed.data;
}

/** Query string from optional values; empty values are left out. */
export function toQueryString(values: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(","));
    } else if (value) {
      search.set(key, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
