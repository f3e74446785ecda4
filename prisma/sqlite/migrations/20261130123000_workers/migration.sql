-- Worker processes register here and refresh their row with their heartbeat.
CREATE TABLE "workers" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "runs_in_flight" INTEGER NOT NULL,
    "started_at" DATETIME NOT NULL,
    "last_heartbeat_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "workers_last_heartbeat_at_idx" ON "workers"("last_heartbeat_at");
