-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "cutOverCheckedAt" TIMESTAMP(3);
