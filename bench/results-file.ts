/**
 * The results file holds one section per benchmark command, each between markers, so running a
 * few commands again replaces just their sections and keeps the others from the same day.
 */
export interface ResultSection {
  command: string;
  lines: string[];
}

const SECTION = /<!-- bench:([a-z-]+) -->\n([\s\S]*?)\n<!-- \/bench:\1 -->/g;

export function parseSections(file: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const match of file.matchAll(SECTION)) sections.set(match[1]!, match[2]!.split("\n"));
  return sections;
}

/** Header, then the sections in `order`: fresh ones where given, else those already in `existing`. */
export function mergeResults({ header, existing, fresh, order }: { header: string[]; existing?: string; fresh: ResultSection[]; order: readonly string[] }): string {
  const sections = existing ? parseSections(existing) : new Map<string, string[]>();
  for (const section of fresh) sections.set(section.command, section.lines);
  const body = order
    .filter((command) => sections.has(command))
    .flatMap((command) => ["", `<!-- bench:${command} -->`, ...sections.get(command)!, `<!-- /bench:${command} -->`]);
  return `${[...header, ...body].join("\n")}\n`;
}
