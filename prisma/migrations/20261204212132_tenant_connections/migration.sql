-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "tenantId" TEXT;

-- CreateTable
CREATE TABLE "TenantConnection" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "apiUrl" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretSealed" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "testedAt" TIMESTAMP(3),
    "testFailure" TEXT,

    CONSTRAINT "TenantConnection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TenantConnection_workspaceId_name_key" ON "TenantConnection"("workspaceId", "name");

-- AddForeignKey
ALTER TABLE "TenantConnection" ADD CONSTRAINT "TenantConnection_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantConnection" ADD CONSTRAINT "TenantConnection_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "TenantConnection"("id") ON DELETE SET NULL ON UPDATE CASCADE;
