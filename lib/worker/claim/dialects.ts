import { databaseProvider } from "../../config/env";
import type { QueueDialect } from "./dialect";
import { postgresDialect } from "./postgres-dialect";
import { sqliteDialect } from "./sqlite-dialect";

export function queueDialectFor(url: string): QueueDialect {
  return databaseProvider(url) === "postgresql" ? postgresDialect : sqliteDialect;
}
