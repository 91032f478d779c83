-- CreateIndex
CREATE INDEX "Case_workspaceId_createdAt_idx" ON "Case"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Case_status_id_idx" ON "Case"("status", "id");

-- CreateIndex
CREATE INDEX "Step_status_completedAt_idx" ON "Step"("status", "completedAt");

-- CreateIndex
CREATE INDEX "StoredCertificate_uploadId_idx" ON "StoredCertificate"("uploadId");
