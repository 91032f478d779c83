-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "checkAfter" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "signInRevokedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Account_checkAfter_idx" ON "Account"("checkAfter");
