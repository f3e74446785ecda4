import { existsSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Forbids imports that resolve to the raw database client, outside the places allowed to hold it.
 * The check is on the file an import resolves to, not on how the import is spelled: a relative
 * path, the `@/` alias and a re-export all reach the same file. Type-only imports carry no client
 * and are always allowed.
 *
 * Options: { root, restricted, allowedIn }
 * - root: the repository's folder; paths below are relative to it.
 * - restricted: files (without extension) or folders (ending in "/") that hold a raw client, and
 *   package names (a trailing "*" matches a prefix, so "@prisma/adapter-*" matches every adapter).
 * - allowedIn: folders (ending in "/") and file suffixes (starting with "*", e.g. "*.test.ts")
 *   whose files may import them.
 */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs"];

export const noRawDatabaseImport = {
  meta: {
    type: "problem",
    docs: { description: "Only the data layer, the tenancy layer, the worker's queue, scripts, benchmarks and tests may import the raw database client" },
    schema: [
      {
        type: "object",
        properties: {
          root: { type: "string" },
          restricted: { type: "array", items: { type: "string" } },
          allowedIn: { type: "array", items: { type: "string" } },
        },
        required: ["root", "restricted", "allowedIn"],
        additionalProperties: false,
      },
    ],
    messages: {
      raw: "'{{specifier}}' resolves to {{target}}, which holds the raw database client or its test helpers: use scopedDb(scope) from lib/tenancy.",
    },
  },
  create(context) {
    const { root, restricted, allowedIn } = context.options[0];
    const importer = relative(root, context.filename);
    if (importer === null || allowedIn.some((place) => placeMatches(place, importer))) return {};

    const check = (node, source, typeOnly) => {
      if (typeOnly || !source || typeof source.value !== "string") return;
      const target = resolveTarget(root, context.filename, source.value);
      if (target && restricted.some((entry) => restrictedMatches(entry, target))) {
        context.report({ node, messageId: "raw", data: { specifier: source.value, target: target.file ?? target.package } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, isTypeOnlyImport(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === "type" || allSpecifiersAreTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === "type"),
      ImportExpression: (node) => check(node, node.source.type === "Literal" ? node.source : null, false),
    };
  },
};

function isTypeOnlyImport(node) {
  if (node.importKind === "type") return true;
  return node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.importKind === "type");
}

function allSpecifiersAreTypes(node) {
  return node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.exportKind === "type");
}

/** The repository-relative file an import resolves to, or the package a bare import names. */
export function resolveTarget(root, importerFile, specifier) {
  let absolute;
  if (specifier.startsWith("@/")) absolute = path.join(root, specifier.slice(2));
  else if (specifier.startsWith("./") || specifier.startsWith("../")) absolute = path.resolve(path.dirname(importerFile), specifier);
  else return { package: specifier };
  const file = relative(root, resolveFile(absolute));
  return file === null ? null : { file };
}

function resolveFile(absolute) {
  const candidates = [
    absolute,
    ...EXTENSIONS.map((extension) => absolute + extension),
    ...EXTENSIONS.map((extension) => path.join(absolute, `index${extension}`)),
  ];
  // A file that does not exist (yet) is still judged by its path.
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? absolute;
}

function relative(root, file) {
  const result = path.relative(root, file).split(path.sep).join("/");
  return result.startsWith("..") || path.isAbsolute(result) ? null : result;
}

function placeMatches(place, file) {
  if (place.startsWith("*")) return file.endsWith(place.slice(1));
  return file.startsWith(place);
}

function restrictedMatches(entry, target) {
  if (target.package !== undefined) {
    // A package: its exact name, a subpath of it, or a prefix pattern.
    if (entry.endsWith("*")) return target.package.startsWith(entry.slice(0, -1));
    return target.package === entry || target.package.startsWith(`${entry}/`);
  }
  if (entry.endsWith("/")) return target.file.startsWith(entry);
  return target.file.replace(/\.(ts|tsx|mts|js|mjs)$/, "") === entry;
}
