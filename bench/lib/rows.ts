/**
 * Column-wise row buffers: each table's rows are collected as one array per column and sent to PostgreSQL as
 * `INSERT … SELECT … FROM unnest($1::text[], $2::text[], …)`, every value as text and cast to the column's real
 * type on the server (types read from the catalog, so enum or type changes in later migrations need no edit here).
 */
export type Cell =
  | string
  | number
  | boolean
  | Date
  | Buffer
  | readonly string[]
  | Record<string, unknown>
  | unknown[]
  | null
  | undefined;

export const TABLE_COLUMNS = {
  User: ["id", "name", "email", "emailVerified", "createdAt", "updatedAt"],
  Workspace: ["id", "name", "createdAt"],
  Membership: ["workspaceId", "userId", "role", "createdAt"],
  Session: ["sessionToken", "userId", "expires", "createdAt", "updatedAt"],
  Case: [
    "id",
    "workspaceId",
    "title",
    "receiverSystem",
    "procedure",
    "operatingModel",
    "keystoreAlias",
    "runtimeNodes",
    "integrationFlows",
    "status",
    "cancelReason",
    "createdById",
    "createdAt",
    "updatedAt",
    "closedAt",
    "receiverLandscape",
    "windowStart",
    "windowEnd",
    "windowSequence",
    "windowOverdueAt",
  ],
  Participant: ["id", "caseId", "userId", "role", "createdAt"],
  Step: [
    "id",
    "caseId",
    "number",
    "key",
    "role",
    "status",
    "readyAt",
    "completedAt",
    "completedById",
    "channel",
    "comment",
    "remindersSent",
    "lastRemindedAt",
    "escalatedAt",
    "details",
  ],
  ActionToken: ["id", "tokenHash", "stepId", "userId", "role", "expiresAt", "usedAt", "voidedAt", "createdAt"],
  CertificateUpload: ["id", "caseId", "set", "uploadedById", "warnings", "warningsAcknowledged", "chain", "createdAt"],
  StoredCertificate: [
    "id",
    "uploadId",
    "caseId",
    "role",
    "position",
    "der",
    "subject",
    "issuer",
    "serialNumber",
    "notBefore",
    "notAfter",
    "sha256",
    "sha1",
    "summary",
    "createdAt",
  ],
  OutgoingMail: [
    "id",
    "caseId",
    "toAddress",
    "subject",
    "text",
    "html",
    "messageId",
    "status",
    "attempts",
    "nextAttemptAt",
    "lastError",
    "sentAt",
    "attachments",
    "createdAt",
  ],
  AuditEvent: ["id", "workspaceId", "caseId", "kind", "actorId", "channel", "stepNumber", "data", "createdAt"],
  DowntimeProposal: [
    "id",
    "caseId",
    "start",
    "end",
    "proposedById",
    "proposedAsRole",
    "status",
    "respondedById",
    "respondedAt",
    "createdAt",
  ],
  FlowNodeConfirmation: ["id", "caseId", "stepNumber", "flow", "node", "confirmedById", "confirmedAt"],
  ChecklistItem: [
    "id",
    "caseId",
    "stepNumber",
    "position",
    "label",
    "thirdParty",
    "doneAt",
    "doneById",
    "performedBy",
    "createdAt",
  ],
} as const;

export type TableName = keyof typeof TABLE_COLUMNS;
/** Insertion order (parents first). */
export const TABLES = Object.keys(TABLE_COLUMNS) as TableName[];

function pgArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/** Columns of a PostgreSQL array type (everything else that is an array or object is JSON). */
const TEXT_ARRAY_COLUMNS = new Set(["runtimeNodes", "integrationFlows"]);

/** A value as the text PostgreSQL's input function of the column type accepts. */
export function toText(value: Cell, column = ""): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString().slice(0, 23); // timestamp(3) without time zone, in UTC like Prisma
  if (Buffer.isBuffer(value)) return `\\x${value.toString("hex")}`;
  if (TEXT_ARRAY_COLUMNS.has(column) && Array.isArray(value)) return pgArrayLiteral(value as string[]);
  return JSON.stringify(value);
}

export class TableRows {
  readonly columns: readonly string[];
  readonly data: (string | null)[][];
  /** Rough payload size, to split statements. */
  bytes = 0;

  constructor(readonly table: TableName) {
    this.columns = TABLE_COLUMNS[table];
    this.data = this.columns.map(() => []);
  }

  get length(): number {
    return this.data[0]!.length;
  }

  /** One row, given by column name; columns left out are NULL (use it only for nullable columns). */
  add(row: Partial<Record<string, Cell>>): void {
    for (let i = 0; i < this.columns.length; i++) {
      const column = this.columns[i]!;
      const text = toText(row[column], column);
      this.data[i]!.push(text);
      if (text !== null) this.bytes += text.length + 3;
    }
  }
}

export type Batch = Record<TableName, TableRows>;

export function newBatch(): Batch {
  return Object.fromEntries(TABLES.map((table) => [table, new TableRows(table)])) as Batch;
}
