export { getDb, createDb, disconnectDb, type Db } from "./client";
export { Prisma } from "./generated/sqlite/client";
