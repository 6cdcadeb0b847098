-- Precision Lab jobs (SQLite). Mirrors model PrecisionJob in prisma/schema.prisma.
CREATE TABLE "PrecisionJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "modelPath" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "args" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progress" TEXT,
    "logTail" TEXT NOT NULL,
    "result" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);
CREATE INDEX "PrecisionJob_modelPath_createdAt_idx" ON "PrecisionJob"("modelPath", "createdAt");
CREATE INDEX "PrecisionJob_status_createdAt_idx" ON "PrecisionJob"("status", "createdAt");
