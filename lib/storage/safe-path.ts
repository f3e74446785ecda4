import path from "node:path";

// Business ids are generated UUIDs; anything with a dot or a slash never names a folder.
const BUSINESS_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
// Storage keys are generated here, never taken from a request: <purpose>/<yyyy-mm>/<uuid>.<ext>
const STORAGE_KEY = /^[a-z][a-z0-9-]{0,39}\/\d{4}-\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,10}$/;

export class UnsafeStoragePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeStoragePathError";
  }
}

export function isStorageKey(key: string): boolean {
  return STORAGE_KEY.test(key);
}

/** `<root>/<businessId>`, refusing ids that could climb out of the root. */
export function businessFolder(root: string, businessId: string): string {
  if (!BUSINESS_ID.test(businessId)) throw new UnsafeStoragePathError("Not a valid business id for storage");
  return resolveInside(path.resolve(root), businessId);
}

/** The absolute path of a storage key inside a business folder; throws for anything else. */
export function resolveStorageKey(folder: string, key: string): string {
  if (!isStorageKey(key)) throw new UnsafeStoragePathError("Not a valid storage key");
  return resolveInside(folder, key);
}

/**
 * Joins and normalizes, then checks the result is still strictly below `parent`. The key pattern
 * already rules out "..", but the check does not rely on it.
 */
export function resolveInside(parent: string, relative: string): string {
  if (path.isAbsolute(relative)) throw new UnsafeStoragePathError("Absolute paths are not accepted");
  const base = path.resolve(parent);
  const resolved = path.resolve(base, relative);
  if (!isStrictlyInside(base, resolved)) throw new UnsafeStoragePathError("Path leaves its folder");
  return resolved;
}

export function isStrictlyInside(parent: string, candidate: string): boolean {
  const relative = path.relative(parent, candidate);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
