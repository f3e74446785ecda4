import type { MigrationProvider } from "./provider";

/** The few things applying migrations needs from a database, on either provider. */
export interface MigrationConnection {
  provider: MigrationProvider;
  /** Runs a script of any number of statements, without parameters. */
  runScript(script: string): Promise<void>;
  /** Runs one statement; each `?` is a parameter. */
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Commits when `work` resolves, rolls back when it throws. */
  inTransaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
