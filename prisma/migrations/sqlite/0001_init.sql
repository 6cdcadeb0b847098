-- Loupe initial schema (SQLite). Mirrors prisma/schema.prisma; test/db/drift.test.ts checks it.
CREATE TABLE "Line" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "taktMs" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "Line_name_key" ON "Line"("name");

CREATE TABLE "Pipeline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "PipelineVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pipelineId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "graph" TEXT NOT NULL,
    "graphHash" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PipelineVersion_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "PipelineVersion_pipelineId_number_key" ON "PipelineVersion"("pipelineId", "number");

CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "deployedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "activeLineId" TEXT,
    CONSTRAINT "Deployment_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "Line" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Deployment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PipelineVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Deployment_activeLineId_key" ON "Deployment"("activeLineId");
CREATE INDEX "Deployment_lineId_deployedAt_idx" ON "Deployment"("lineId", "deployedAt");

CREATE TABLE "Result" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "deploymentId" TEXT,
    "frameId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "origin" TEXT NOT NULL,
    "inspectedAt" DATETIME NOT NULL,
    "verdict" TEXT NOT NULL,
    "defects" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "latencyMs" REAL NOT NULL,
    "truthDefective" BOOLEAN,
    CONSTRAINT "Result_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "Line" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Result_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PipelineVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Result_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "Result_lineId_inspectedAt_idx" ON "Result"("lineId", "inspectedAt");
CREATE INDEX "Result_versionId_inspectedAt_idx" ON "Result"("versionId", "inspectedAt");

CREATE TABLE "Worker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineId" TEXT NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    CONSTRAINT "Worker_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "Line" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "Worker_lineId_idx" ON "Worker"("lineId");
