/**
 * The client batches findUnique calls made in the same tick into one statement, which runs in the
 * async context of the first caller and so under the first caller's database access. Row-level
 * security takes its settings from that access: a lookup batched with another user's or another
 * business's would see nothing. Lookups that can run beside lookups under another access therefore
 * go through findFirst, which is never batched; these helpers turn one into the other.
 */
export const UNIQUE_LOOKUPS: Readonly<Record<string, "findFirst" | "findFirstOrThrow">> = {
  findUnique: "findFirst",
  findUniqueOrThrow: "findFirstOrThrow",
};

const LOGICAL = new Set(["AND", "OR", "NOT"]);

/** A unique `where` as a plain filter: compound keys (`userId_businessId: { … }`) spread into their fields. */
export function uniqueWhereAsFilter(where: unknown): unknown {
  if (!isPlainObject(where)) return where;
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where)) {
    // Fields are camelCase; only the client's names for compound unique keys join fields with "_".
    if (key.includes("_") && !LOGICAL.has(key) && isPlainObject(value)) Object.assign(filter, value);
    else filter[key] = value;
  }
  return filter;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
