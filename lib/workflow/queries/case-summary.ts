import type { Prisma } from "@/lib/generated/prisma/client";

/** What every message about a case names (CaseSummary in lib/mail/case-messages.ts), as the select that loads it. */
export const caseSummarySelect = {
  id: true,
  workspaceId: true,
  title: true,
  receiverSystem: true,
  procedure: true,
  operatingModel: true,
  keystoreAlias: true,
} satisfies Prisma.CaseSelect;
