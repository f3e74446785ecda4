// The Prisma namespace (SQL templates, JSON null markers, error classes) without the client:
// modules that must not reach the database directly can still build queries and check errors.
export { Prisma } from "./generated/sqlite/client";
