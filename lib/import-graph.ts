import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One runtime import: `from` imports `to` at `line` (both paths relative to the project root). */
export interface ImportEdge {
  from: string;
  to: string;
  line: number;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts"];
const RESOLVE_SUFFIXES = ["", ...SOURCE_EXTENSIONS, ...SOURCE_EXTENSIONS.map((ext) => `/index${ext}`)];

/** Walks `dir` for source files, skipping folders and files `skip` names (paths relative to `root`). */
export function listSourceFiles(root: string, dir: string, skip: (relativePath: string) => boolean): string[] {
  const files: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const relativePath = path.posix.join(dir, name);
    if (skip(relativePath)) continue;
    if (statSync(path.join(root, relativePath)).isDirectory()) {
      files.push(...listSourceFiles(root, relativePath, skip));
    } else if (SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith(".d.ts")) {
      files.push(relativePath);
    }
  }
  return files;
}

/**
 * The runtime imports of one file: import and export declarations and dynamic `import()`.
 * Type-only imports are left out, since they vanish at compile time and tie nothing at run time:
 * `import type`, `export type`, and declarations whose every named specifier is `type`.
 * Package imports are left out too; only relative and `@/` specifiers are resolved.
 */
export function importsOf(root: string, file: string): ImportEdge[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression, node: ts.Node) => {
    if (!ts.isStringLiteralLike(specifier)) return;
    const target = resolveSpecifier(root, file, specifier.text);
    if (target) edges.push({ from: file, to: target, line: lineOf(source, node) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !isTypeOnlyImport(node)) add(node.moduleSpecifier, node);
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && !isTypeOnlyExport(node)) add(node.moduleSpecifier, node);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import "./x"` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false; // a default import is a value
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  if (!clause || !ts.isNamedExports(clause)) return false; // `export * from` re-exports values
  return clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
}

function resolveSpecifier(root: string, file: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(file), specifier);
  else return undefined;
  const withoutJs = base.replace(/\.js$/, "");
  for (const candidate of new Set([base, withoutJs])) {
    for (const suffix of RESOLVE_SUFFIXES) {
      const full = path.join(root, candidate + suffix);
      if (existsSync(full) && statSync(full).isFile()) return path.posix.normalize(candidate + suffix);
    }
  }
  throw new Error(`${file}: cannot resolve import "${specifier}"`);
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}
