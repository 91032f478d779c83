-- AlterTable
ALTER TABLE "MailboxMessage" ADD COLUMN     "attachmentNames" TEXT[] DEFAULT ARRAY[]::TEXT[];
