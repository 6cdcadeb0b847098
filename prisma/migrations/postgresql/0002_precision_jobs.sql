-- Precision Lab jobs (PostgreSQL). Mirrors model PrecisionJob in prisma/schema.prisma.
CREATE TABLE "PrecisionJob" (
    "id" TEXT NOT NULL,
    "modelPath" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "args" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progress" TEXT,
    "logTail" TEXT NOT NULL,
    "result" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "PrecisionJob_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PrecisionJob_modelPath_createdAt_idx" ON "PrecisionJob"("modelPath", "createdAt");
CREATE INDEX "PrecisionJob_status_createdAt_idx" ON "PrecisionJob"("status", "createdAt");
