-- CreateEnum
CREATE TYPE "CertificateSet" AS ENUM ('OLD', 'NEW');

-- CreateTable
CREATE TABLE "CertificateUpload" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "set" "CertificateSet" NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "warningsAcknowledged" BOOLEAN NOT NULL DEFAULT false,
    "chain" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateUpload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredCertificate" (
    "id" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "der" BYTEA NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,
    "sha1" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CertificateUpload_caseId_set_createdAt_idx" ON "CertificateUpload"("caseId", "set", "createdAt");

-- CreateIndex
CREATE INDEX "StoredCertificate_caseId_idx" ON "StoredCertificate"("caseId");

-- CreateIndex
CREATE INDEX "StoredCertificate_sha256_idx" ON "StoredCertificate"("sha256");

-- CreateIndex
CREATE INDEX "StoredCertificate_notAfter_idx" ON "StoredCertificate"("notAfter");

-- AddForeignKey
ALTER TABLE "CertificateUpload" ADD CONSTRAINT "CertificateUpload_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateUpload" ADD CONSTRAINT "CertificateUpload_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredCertificate" ADD CONSTRAINT "StoredCertificate_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "CertificateUpload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredCertificate" ADD CONSTRAINT "StoredCertificate_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
