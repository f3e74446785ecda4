import type { TableSpec } from "./tables";

/** Where generated rows go: one implementation per database, both fed the same rows. */
export interface RowSink {
  insert<Row>(table: TableSpec<Row>, rows: readonly Row[]): Promise<void>;
  /** Makes the rows durable and refreshes the planner's statistics, as the daily vacuum job does. */
  finish(): Promise<void>;
  close(): Promise<void>;
}
