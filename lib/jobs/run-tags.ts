/**
 * Tags are stored on the run as ",a,b," for display; the database splits them into job_run_tags
 * rows as the run is written (see the run_tags migration), and filters read those rows.
 */
export function encodeTags(tags: readonly string[] | undefined): string {
  const unique = [...new Set(tags ?? [])];
  return unique.length ? `,${unique.join(",")},` : "";
}

export function decodeTags(stored: string): string[] {
  return stored.split(",").filter(Boolean);
}
