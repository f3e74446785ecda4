import type { Db } from "../../db";
import type { QueueDialect } from "./dialect";
import type { QueueDb } from "./queue-access";

/** What every queue operation works with: the client (for transactions), its access-bound statements, and the SQL that differs. */
export interface QueueConnection {
  raw: Db;
  db: QueueDb;
  dialect: QueueDialect;
}
