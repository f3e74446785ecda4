-- CreateTable
CREATE TABLE "businesses" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "artifact_retention_days" INTEGER NOT NULL DEFAULT 90,
    "artifact_keep_latest" INTEGER,
    "max_concurrent_runs" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "businesses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "is_system_admin" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "business_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" TEXT NOT NULL,
    "business_id" TEXT,
    "scope" TEXT NOT NULL DEFAULT 'tenant',
    "job_type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "params" JSONB NOT NULL,
    "result" JSONB,
    "error_message" TEXT,
    "error_stack" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "lease_id" TEXT,
    "progress" DOUBLE PRECISION,
    "progress_message" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "idempotency_key" TEXT,
    "dedupe_key" TEXT,
    "triggered_by_user_id" TEXT,
    "trigger_source" TEXT NOT NULL DEFAULT 'api',
    "parent_run_id" TEXT,
    "claim_seq" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run_attempts" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "business_id" TEXT,
    "attempt" INTEGER NOT NULL,
    "worker_id" TEXT NOT NULL,
    "lease_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "error_message" TEXT,
    "error_stack" TEXT,

    CONSTRAINT "job_run_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run_logs" (
    "id" SERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "business_id" TEXT,
    "attempt" INTEGER NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'info',
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_run_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_user_id" TEXT,
    "business_id" TEXT,
    "action" TEXT NOT NULL,
    "target_id" TEXT,
    "details" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachments" (
    "id" TEXT NOT NULL,
    "business_id" TEXT NOT NULL,
    "run_id" TEXT,
    "purpose" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "businesses_slug_key" ON "businesses"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_business_id_idx" ON "memberships"("business_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_user_id_business_id_key" ON "memberships"("user_id", "business_id");

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_dedupe_key_key" ON "job_runs"("dedupe_key");

-- CreateIndex
CREATE INDEX "job_runs_business_id_idx" ON "job_runs"("business_id");

-- CreateIndex
CREATE INDEX "job_runs_business_id_status_idx" ON "job_runs"("business_id", "status");

-- CreateIndex
CREATE INDEX "job_runs_business_id_job_type_idx" ON "job_runs"("business_id", "job_type");

-- CreateIndex
CREATE INDEX "job_runs_business_id_created_at_idx" ON "job_runs"("business_id", "created_at");

-- CreateIndex
CREATE INDEX "job_runs_status_run_at_idx" ON "job_runs"("status", "run_at");

-- CreateIndex
CREATE INDEX "job_runs_scope_business_id_idx" ON "job_runs"("scope", "business_id");

-- CreateIndex
CREATE INDEX "job_runs_parent_run_id_idx" ON "job_runs"("parent_run_id");

-- CreateIndex
CREATE INDEX "job_runs_status_business_id_priority_run_at_idx" ON "job_runs"("status", "business_id", "priority" DESC, "run_at");

-- CreateIndex
CREATE INDEX "job_runs_claim_seq_idx" ON "job_runs"("claim_seq");

-- CreateIndex
CREATE INDEX "job_runs_business_id_claim_seq_idx" ON "job_runs"("business_id", "claim_seq");

-- CreateIndex
CREATE INDEX "job_run_attempts_run_id_idx" ON "job_run_attempts"("run_id");

-- CreateIndex
CREATE INDEX "job_run_attempts_business_id_idx" ON "job_run_attempts"("business_id");

-- CreateIndex
CREATE INDEX "job_run_logs_run_id_id_idx" ON "job_run_logs"("run_id", "id");

-- CreateIndex
CREATE INDEX "job_run_logs_business_id_idx" ON "job_run_logs"("business_id");

-- CreateIndex
CREATE INDEX "audit_events_business_id_created_at_idx" ON "audit_events"("business_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_target_id_idx" ON "audit_events"("target_id");

-- CreateIndex
CREATE INDEX "attachments_business_id_purpose_created_at_idx" ON "attachments"("business_id", "purpose", "created_at");

-- CreateIndex
CREATE INDEX "attachments_run_id_idx" ON "attachments"("run_id");

-- CreateIndex
CREATE INDEX "login_attempts_email_created_at_idx" ON "login_attempts"("email", "created_at");

-- CreateIndex
CREATE INDEX "login_attempts_ip_created_at_idx" ON "login_attempts"("ip", "created_at");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_run_attempts" ADD CONSTRAINT "job_run_attempts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_run_attempts" ADD CONSTRAINT "job_run_attempts_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_run_logs" ADD CONSTRAINT "job_run_logs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_run_logs" ADD CONSTRAINT "job_run_logs_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
