import Database from "better-sqlite3";

/**
 * Assertions read the SQLite file directly rather than through the code under test. Timestamps
 * are INTEGER epoch milliseconds, as the application writes them.
 */
export function openDatabase(file: string): Database.Database {
  return new Database(file);
}

export interface RunRow {
  id: string;
  business_id: string | null;
  scope: string;
}

export function runs(db: Database.Database, where = "1 = 1"): RunRow[] {
  return db.prepare(`SELECT id, business_id, scope FROM job_runs WHERE ${where} ORDER BY id`).all() as RunRow[];
}

export function orphanIds(db: Database.Database): string[] {
  return runs(db, "scope = 'tenant' AND business_id IS NULL").map((run) => run.id);
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return Number(db.prepare(sql).pluck().get(...params) ?? 0);
}

/** Every row of every table the commands may touch, to prove that nothing changed. */
export function fullSnapshot(db: Database.Database): string {
  const tables = ["businesses", "job_runs", "job_run_attempts", "job_run_logs", "attachments", "audit_events"];
  return JSON.stringify(tables.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all()));
}

export interface AuditRow {
  actor_type: string;
  actor_user_id: string | null;
  business_id: string | null;
  action: string;
  target_id: string | null;
  details: Record<string, unknown> & { runIds: string[]; runs: number };
}

export function auditEvents(db: Database.Database, action: string): AuditRow[] {
  const rows = db
    .prepare("SELECT actor_type, actor_user_id, business_id, action, target_id, details FROM audit_events WHERE action = ? ORDER BY created_at, id")
    .all(action) as (Omit<AuditRow, "details"> & { details: string })[];
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as AuditRow["details"] }));
}

export function businessId(db: Database.Database, slug: string): string {
  const id = db.prepare("SELECT id FROM businesses WHERE slug = ?").pluck().get(slug);
  if (typeof id !== "string") throw new Error(`No business ${slug}`);
  return id;
}

/** Adds orphans (tenant runs with no business), each with one attempt and one log line, in one transaction. */
export function insertOrphans(
  db: Database.Database,
  { count: total, createdAt, prefix = "00000000-0000-4000-8000-" }: { count: number; createdAt: number; prefix?: string },
): string[] {
  const insertRun = db.prepare(
    `INSERT INTO job_runs (id, business_id, scope, job_type, status, params, tags, trigger_source, attempt, max_attempts, priority, run_at, created_at, updated_at)
     VALUES (?, NULL, 'tenant', 'sync-calendar', 'succeeded', '{}', '', 'api', 1, 3, 0, ?, ?, ?)`,
  );
  const insertAttempt = db.prepare(
    `INSERT INTO job_run_attempts (id, run_id, business_id, attempt, worker_id, lease_id, status, started_at)
     VALUES (?, ?, NULL, 1, 'worker-old', ?, 'succeeded', ?)`,
  );
  const insertLog = db.prepare(`INSERT INTO job_run_logs (run_id, business_id, attempt, level, message, created_at) VALUES (?, NULL, 1, 'info', 'old run', ?)`);
  const ids = Array.from({ length: total }, (_, index) => `${prefix}${String(index).padStart(12, "0")}`);
  db.transaction(() => {
    ids.forEach((id, index) => {
      const at = createdAt + index;
      insertRun.run(id, at, at, at);
      insertAttempt.run(`attempt-${id}`, id, `lease-${id}`, at);
      insertLog.run(id, at);
    });
  })();
  return ids;
}

export function insertAttachment(
  db: Database.Database,
  { id, businessId: owner, runId, storageKey }: { id: string; businessId: string; runId: string; storageKey: string },
): void {
  db.prepare(
    `INSERT INTO attachments (id, business_id, run_id, purpose, file_name, content_type, storage_key, size, sha256, created_at)
     VALUES (?, ?, ?, 'report', 'report.csv', 'text/csv', ?, 3, 'x', ?)`,
  ).run(id, owner, runId, storageKey, Date.now());
}
