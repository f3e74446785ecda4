/** Tags are stored as ",a,b," so that one tag matches exactly with a LIKE on ",tag,". */
export function encodeTags(tags: readonly string[] | undefined): string {
  const unique = [...new Set(tags ?? [])];
  return unique.length ? `,${unique.join(",")},` : "";
}

export function decodeTags(stored: string): string[] {
  return stored.split(",").filter(Boolean);
}

export function tagPattern(tag: string): string {
  return `,${tag},`;
}
