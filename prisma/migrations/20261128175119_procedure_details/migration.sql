-- CreateEnum
CREATE TYPE "ReceiverLandscape" AS ENUM ('GENERIC_HTTPS', 'SAP_WEB_DISPATCHER_ABAP', 'CUSTOM');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('OPEN', 'ACCEPTED', 'DECLINED');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "receiverLandscape" "ReceiverLandscape" NOT NULL DEFAULT 'GENERIC_HTTPS',
ADD COLUMN     "windowEnd" TIMESTAMP(3),
ADD COLUMN     "windowOverdueAt" TIMESTAMP(3),
ADD COLUMN     "windowSequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "windowStart" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Step" ADD COLUMN     "details" JSONB;

-- CreateTable
CREATE TABLE "DowntimeProposal" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "proposedById" TEXT NOT NULL,
    "proposedAsRole" "ParticipantRole" NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'OPEN',
    "respondedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DowntimeProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowNodeConfirmation" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "stepNumber" INTEGER NOT NULL,
    "flow" TEXT NOT NULL,
    "node" TEXT NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlowNodeConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistItem" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "stepNumber" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "thirdParty" TEXT,
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "performedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChecklistItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DowntimeProposal_caseId_status_idx" ON "DowntimeProposal"("caseId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FlowNodeConfirmation_caseId_stepNumber_flow_node_key" ON "FlowNodeConfirmation"("caseId", "stepNumber", "flow", "node");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistItem_caseId_stepNumber_position_key" ON "ChecklistItem"("caseId", "stepNumber", "position");

-- AddForeignKey
ALTER TABLE "DowntimeProposal" ADD CONSTRAINT "DowntimeProposal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DowntimeProposal" ADD CONSTRAINT "DowntimeProposal_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DowntimeProposal" ADD CONSTRAINT "DowntimeProposal_respondedById_fkey" FOREIGN KEY ("respondedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowNodeConfirmation" ADD CONSTRAINT "FlowNodeConfirmation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowNodeConfirmation" ADD CONSTRAINT "FlowNodeConfirmation_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistItem" ADD CONSTRAINT "ChecklistItem_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistItem" ADD CONSTRAINT "ChecklistItem_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
