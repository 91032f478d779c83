-- AlterTable
ALTER TABLE "TenantConnection" ADD COLUMN     "keystoreReadAfter" TIMESTAMP(3),
ADD COLUMN     "keystoreReadAt" TIMESTAMP(3),
ADD COLUMN     "keystoreReadFailure" TEXT;

-- CreateTable
CREATE TABLE "TenantKeystoreEntry" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "type" TEXT,
    "subject" TEXT,
    "issuer" TEXT,
    "notBefore" TIMESTAMP(3),
    "notAfter" TIMESTAMP(3),
    "sha256" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "changedAt" TIMESTAMP(3),
    "notifiedDays" INTEGER,

    CONSTRAINT "TenantKeystoreEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TenantKeystoreEntry_notAfter_idx" ON "TenantKeystoreEntry"("notAfter");

-- CreateIndex
CREATE UNIQUE INDEX "TenantKeystoreEntry_tenantId_alias_key" ON "TenantKeystoreEntry"("tenantId", "alias");

-- CreateIndex
CREATE INDEX "TenantConnection_keystoreReadAfter_idx" ON "TenantConnection"("keystoreReadAfter");

-- AddForeignKey
ALTER TABLE "TenantKeystoreEntry" ADD CONSTRAINT "TenantKeystoreEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "TenantConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
