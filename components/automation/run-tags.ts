const TAG_PATTERN = /^[\w.:-]+$/;
const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 40;

/** Tags typed as "nightly, billing:eu"; the same rules the server applies. */
export function parseTags(text: string): { tags: string[] } | { error: string } {
  const tags = [...new Set(text.split(/[\s,]+/).map((tag) => tag.trim()).filter(Boolean))];
  if (tags.length > MAX_TAGS) return { error: `Use at most ${MAX_TAGS} tags.` };
  const invalid = tags.find((tag) => !TAG_PATTERN.test(tag) || tag.length > MAX_TAG_LENGTH);
  if (invalid) return { error: `"${invalid}" is not a valid tag: use up to ${MAX_TAG_LENGTH} letters, digits and . _ : -` };
  return { tags };
}
