import { z } from "zod";

/** A UUID in any letter case, normalised to the lower case every stored id uses. */
export function uuid(message?: string) {
  return z.guid(message ? { message } : undefined).transform((value) => value.toLowerCase());
}
