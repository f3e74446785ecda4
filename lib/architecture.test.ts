import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, listSourceFiles, type ImportEdge } from "./import-graph";

/**
 * The layers of lib/, bottom up; the README's "Architecture" section writes the same order out.
 * A folder imports only from its own level or below; folders on one level may import each other
 * in one direction only (no cycle between folders, whatever their level).
 */
const LAYERS_BOTTOM_UP: string[][] = [
  ["config", "errors", "logging", "process"],
  ["db"],
  ["tenancy"],
  ["auth", "audit", "businesses", "metrics"],
  ["api"],
  ["job-runs", "jobs", "storage", "scheduler", "workers"],
  ["worker", "maintenance", "demo-data"],
  ["client"],
  ["openapi"],
];

const ROOT = path.resolve(import.meta.dirname, "..");

function isTestSupport(relativePath: string): boolean {
  const name = path.posix.basename(relativePath);
  return /\.test\.tsx?$/.test(name) || name === "testing" || name === "test-support";
}

/** `lib/<folder>/…` → `<folder>`; files directly in lib/ (this check) belong to no layer. */
function folderOf(relativePath: string): string | undefined {
  const parts = relativePath.split("/");
  return parts[0] === "lib" && parts.length > 2 ? parts[1] : undefined;
}

const levelOf = new Map(LAYERS_BOTTOM_UP.flatMap((folders, level) => folders.map((folder) => [folder, level] as const)));

const where = (edge: ImportEdge) => `${edge.from}:${edge.line} imports ${edge.to}`;

const files = listSourceFiles(ROOT, "lib", isTestSupport).filter((file) => folderOf(file) !== undefined);
const edges = files.flatMap((file) => importsOf(ROOT, file));
const crossFolderEdges = edges.filter((edge) => folderOf(edge.from) !== folderOf(edge.to));

/** Strongly connected groups of more than one folder (Tarjan), each a cycle between folders. */
function folderCycles(folderEdges: ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const edge of folderEdges) {
    const from = folderOf(edge.from)!;
    const to = folderOf(edge.to)!;
    next.set(from, (next.get(from) ?? new Set()).add(to));
  }
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const connect = (folder: string) => {
    index.set(folder, index.size);
    lowLink.set(folder, index.get(folder)!);
    stack.push(folder);
    for (const target of next.get(folder) ?? []) {
      if (!index.has(target)) {
        connect(target);
        lowLink.set(folder, Math.min(lowLink.get(folder)!, lowLink.get(target)!));
      } else if (stack.includes(target)) {
        lowLink.set(folder, Math.min(lowLink.get(folder)!, index.get(target)!));
      }
    }
    if (lowLink.get(folder) === index.get(folder)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== folder);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const folder of next.keys()) if (!index.has(folder)) connect(folder);
  return cycles;
}

describe("the layers of lib/", () => {
  it("reads a file's imports, with line numbers, from every folder", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(crossFolderEdges.length).toBeGreaterThan(50);
    expect(crossFolderEdges.every((edge) => edge.line > 0)).toBe(true);
  });

  it("places every folder of lib/ in a layer", () => {
    const folders = new Set(files.map((file) => folderOf(file)!));
    const unplaced = [...folders].filter((folder) => !levelOf.has(folder));
    expect(unplaced, "folders of lib/ missing from LAYERS_BOTTOM_UP").toEqual([]);
  });

  it("imports nothing outside lib/ and nothing from a higher layer", () => {
    const upward = crossFolderEdges.filter((edge) => {
      const to = folderOf(edge.to);
      // Outside lib/ (the benchmarks in bench/, for example) or into a folder with no layer: never allowed.
      if (to === undefined || !levelOf.has(to)) return true;
      return levelOf.get(to)! > levelOf.get(folderOf(edge.from)!)!;
    });
    expect(upward.map(where), "imports that go up the layers").toEqual([]);
  });

  it("has no cycle between folders", () => {
    const cycles = folderCycles(crossFolderEdges).map((group) => ({
      folders: group.join(" ↔ "),
      imports: crossFolderEdges.filter((edge) => group.includes(folderOf(edge.from)!) && group.includes(folderOf(edge.to)!)).map(where),
    }));
    expect(cycles, "cycles between folders of lib/").toEqual([]);
  });
});
