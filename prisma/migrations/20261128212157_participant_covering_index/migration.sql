-- DropIndex
DROP INDEX "Participant_userId_role_idx";

-- CreateIndex
CREATE INDEX "Participant_userId_caseId_role_idx" ON "Participant"("userId", "caseId", "role");
