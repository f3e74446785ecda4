import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importsOf, listSourceFiles } from "./import-graph";

const root = mkdtempSync(path.join(tmpdir(), "import-graph-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text = "export const value = 1;\nexport type Shape = { a: number };\n") {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

describe("importsOf", () => {
  it("keeps runtime imports with their line and leaves type-only ones out", () => {
    for (const name of ["value", "type-only", "inline-types", "mixed", "default", "side-effect", "star", "named-export", "type-export", "dynamic", "alias"]) {
      write(`lib/b/${name}.ts`);
    }
    write("lib/c/index.ts");
    write(
      "lib/a/main.ts",
      [
        'import { value } from "../b/value";',
        'import type { Shape } from "../b/type-only";',
        'import { type Shape as S2 } from "../b/inline-types";',
        'import { type Shape as S3, value as v2 } from "../b/mixed";',
        'import whole from "../b/default";',
        'import "../b/side-effect";',
        'export * from "../b/star";',
        'export { value as v3 } from "../b/named-export";',
        'export type { Shape as S4 } from "../b/type-export";',
        'export const later = () => import("../b/dynamic");',
        'import { value as v4 } from "@/lib/b/alias";',
        'import { value as v5 } from "../c";',
        'import { z } from "zod";',
      ].join("\n"),
    );
    expect(importsOf(root, "lib/a/main.ts")).toEqual([
      { from: "lib/a/main.ts", to: "lib/b/value.ts", line: 1 },
      { from: "lib/a/main.ts", to: "lib/b/mixed.ts", line: 4 },
      { from: "lib/a/main.ts", to: "lib/b/default.ts", line: 5 },
      { from: "lib/a/main.ts", to: "lib/b/side-effect.ts", line: 6 },
      { from: "lib/a/main.ts", to: "lib/b/star.ts", line: 7 },
      { from: "lib/a/main.ts", to: "lib/b/named-export.ts", line: 8 },
      { from: "lib/a/main.ts", to: "lib/b/dynamic.ts", line: 10 },
      { from: "lib/a/main.ts", to: "lib/b/alias.ts", line: 11 },
      { from: "lib/a/main.ts", to: "lib/c/index.ts", line: 12 },
    ]);
  });

  it("refuses an import it cannot resolve, rather than dropping the edge", () => {
    write("lib/a/broken.ts", 'import { gone } from "./missing";\n');
    expect(() => importsOf(root, "lib/a/broken.ts")).toThrow('lib/a/broken.ts: cannot resolve import "./missing"');
  });

  it("lists source files, skipping what it is told to", () => {
    write("lib/d/keep.ts");
    write("lib/d/keep.test.ts");
    write("lib/d/testing/helper.ts");
    write("lib/d/types.d.ts");
    const files = listSourceFiles(root, "lib/d", (file) => file.endsWith(".test.ts") || file.endsWith("/testing"));
    expect(files).toEqual(["lib/d/keep.ts"]);
  });
});
