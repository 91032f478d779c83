/**
 * What the benchmark database holds: several workspaces of 5–50 people, cases of both procedures at every stage
 * (open, completed, cancelled) with the rows the app itself writes for them — steps, participants, memberships,
 * action links, audit trail, outbox, certificate uploads — consistent with lib/workflow/definitions.ts and the
 * store code (hand-overs done by the system, one ready step per open case, reminders after 48 h, …).
 *
 * The shape (documented in bench/RESULTS.md):
 * - workspaces: max(4, round(cases / 400)); cases are spread over them with a Zipf(0.8) law, so a few workspaces
 *   are large; the largest has 50 people, the smallest 5;
 * - people: owners (1–2), tenant administrators (~20 %), integration developers (~25 %), receiver administrators
 *   (guests, the rest); a few partner receiver administrators are guests of several workspaces;
 * - within a workspace work is spread with a Zipf(1) law: some people hold a role on many cases (heavy users);
 * - cases were created over the last three years; status follows age (recent: mostly open; older: completed,
 *   some cancelled, ~1.5 % stalled open), which gives ~7 % open cases at any size.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { workflowFor, type StepDefinition, type Variant } from "@/lib/workflow/definitions";
import type { Role } from "@/lib/workflow/roles";
import { IdGenerator } from "./ids";
import { Random, Zipf } from "./random";
import { newBatch, type Batch } from "./rows";
import type { CertificateTemplate, TemplateCertificate } from "./certificate-templates";
import { addedMail, closedMail, escalationMail, readyMail, type MailBody, type MailCase } from "./mail-text";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HISTORY = 3 * 365 * DAY;
const REMINDER_AFTER = 48 * HOUR;
const REMINDER_MAX = 3;
const ACTION_LINK_LIFETIME = 7 * DAY;

export interface Person {
  id: string;
  email: string;
  name: string | null;
  createdAt: Date;
}

interface WorkspacePlan {
  id: string;
  name: string;
  createdAt: Date;
  owners: Person[];
  tenantAdmins: Person[];
  developers: Person[];
  receiverAdmins: Person[];
  taZipf: Zipf;
  devZipf: Zipf;
  raZipf: Zipf;
}

export interface GeneratorOptions {
  cases: number;
  seed: number;
  now: Date;
  templates: CertificateTemplate[];
}

const FIRST = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Katrin", "Lukas", "Mia", "Noah", "Olga", "Paul", "Queenie", "Rafael", "Sofia", "Tim", "Ute", "Viktor", "Wiebke", "Xaver", "Yara", "Zoe", "Amir", "Bea", "Chen", "Dana", "Emre", "Fatima", "Goran", "Hana", "Ines", "Jan", "Kemal", "Lena", "Marek", "Nina"];
const LAST = ["Schmidt", "Meyer", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Braun", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Lehmann", "Kowalski", "Novak", "Jansen", "Dubois", "Rossi", "García", "Silva", "Nowak", "Popescu", "Horvat"];
const COMPANIES = ["Acme Retail", "Nordwind Logistics", "Helix Pharma", "Bavaria Motors", "Rhine Chemicals", "Alpine Insurance", "Baltic Foods", "Crescent Energy", "Delta Telecom", "Emerald Banking", "Fjord Shipping", "Granite Construction", "Harbor Utilities", "Iris Fashion", "Juniper Health", "Kestrel Aviation", "Lumen Media", "Meridian Steel", "Nimbus Software", "Orchid Hotels"];
const RECEIVERS = [
  { name: "S/4HANA PRD (via SAP Web Dispatcher)", short: "S/4HANA", alias: "s4" },
  { name: "Bank payment gateway", short: "bank gateway", alias: "bank_gw" },
  { name: "Salesforce Sales Cloud", short: "Salesforce", alias: "sfdc" },
  { name: "Customs ATLAS endpoint", short: "customs", alias: "atlas" },
  { name: "Carrier EDI hub (AS2)", short: "carrier EDI", alias: "edi" },
  { name: "Payroll provider API", short: "payroll", alias: "payroll" },
  { name: "Warehouse management (Manhattan)", short: "WMS", alias: "wms" },
  { name: "Tax reporting service", short: "tax service", alias: "tax" },
  { name: "Supplier portal (Ariba)", short: "Ariba", alias: "ariba" },
  { name: "Insurance claims hub", short: "claims hub", alias: "claims" },
];
const FLOWS = ["Replicate Sales Orders", "Send Delivery Notes", "Send Payment Files", "Post Invoices", "Sync Business Partners", "Send Customs Declarations", "Receive Order Confirmations", "Send Payroll Results", "Replicate Material Master", "Send Shipping Notices", "Post Goods Receipts", "Send Tax Reports"];
const COMMENTS = [
  "Certificate issued by the new corporate CA.",
  "Done on both nodes, checked the logs.",
  "Imported; alias unchanged.",
  "Trust store updated in the load balancer as well.",
  "Restarted during the maintenance window.",
  "Agreed with the partner by phone.",
  "Both certificates are accepted now.",
  "Old certificate removed, ticket closed.",
];
const CANCEL_REASONS = [
  "The partner decommissions the interface next quarter.",
  "Duplicate of another case.",
  "The receiver keeps accepting the old CA after all.",
  "Started with the wrong keystore alias; a new case replaces it.",
];
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)",
];

/** Counters for the seed report. */
export interface GeneratedCounts {
  workspaces: number;
  users: number;
  cases: Record<"OPEN" | "COMPLETED" | "CANCELLED", number>;
  variants: Record<Variant, number>;
}

type Tx = { at: Date; entries: AuditRow[]; mails: MailRow[] };
interface AuditRow {
  kind: string;
  actorId: string | null;
  channel: "WEB" | "EMAIL_LINK" | "SYSTEM";
  stepNumber?: number;
  data: Record<string, unknown>;
}
interface MailRow {
  to: Person;
  body: MailBody;
  attachments?: { filename: string; contentType: string; content: string }[];
}

export class BenchDataGenerator {
  readonly ids = new IdGenerator();
  readonly random: Random;
  readonly workspaces: WorkspacePlan[] = [];
  readonly users: Person[] = [];
  readonly counts: GeneratedCounts;
  private readonly wsZipf: Zipf;
  private readonly usedEmails = new Set<string>();
  private readonly now: Date;

  constructor(private readonly options: GeneratorOptions) {
    this.random = new Random(options.seed);
    this.now = options.now;
    const workspaceCount = Math.max(4, Math.round(options.cases / 400));
    this.wsZipf = new Zipf(workspaceCount, 0.8);
    this.counts = { workspaces: workspaceCount, users: 0, cases: { OPEN: 0, COMPLETED: 0, CANCELLED: 0 }, variants: { A: 0, B: 0 } };
  }

  private person(domain: string, named: boolean, createdAt: Date): Person {
    const first = this.random.pick(FIRST);
    const last = this.random.pick(LAST);
    const local = `${first}.${last}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "");
    let email = `${local}@${domain}`;
    for (let n = 2; this.usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    this.usedEmails.add(email);
    const person = { id: this.ids.next(), email, name: named ? `${first} ${last}` : null, createdAt };
    this.users.push(person);
    return person;
  }

  /** Users, workspaces, memberships and some live sessions. */
  setupBatch(): Batch {
    const batch = newBatch();
    const n = this.counts.workspaces;
    const shares = Array.from({ length: n }, (_, i) => this.wsZipf.share(i));
    const [maxShare, minShare] = [Math.max(...shares), Math.min(...shares)];
    const start = new Date(this.now.getTime() - HISTORY - 30 * DAY);

    const partnerCount = Math.max(2, Math.round(n / 25));
    const partners = Array.from({ length: partnerCount }, (_, i) => this.person(`partner${i + 1}.example`, true, start));
    const partnerOf: Person[][] = Array.from({ length: n }, () => []);
    partners.forEach((partner, i) => {
      let member = false;
      for (let w = 0; w < n; w++) {
        if (this.random.chance(0.1)) {
          partnerOf[w]!.push(partner);
          member = true;
        }
      }
      if (!member) partnerOf[(i * 7) % n]!.push(partner);
    });

    for (let w = 0; w < n; w++) {
      const company = COMPANIES[w % COMPANIES.length]!;
      const domain = `${company.toLowerCase().replace(/[^a-z]/g, "")}${w >= COMPANIES.length ? w : ""}.example`;
      const people = maxShare === minShare ? 50 : 5 + Math.round(45 * Math.sqrt((shares[w]! - minShare) / (maxShare - minShare)));
      const ownerCount = people >= 20 ? 2 : 1;
      const taCount = Math.max(1, Math.round(0.2 * people));
      const devCount = Math.max(1, Math.round(0.25 * people));
      const guests = partnerOf[w]!.slice(0, Math.max(1, people - ownerCount - taCount - devCount));
      const localRa = Math.max(guests.length > 0 ? 0 : 1, people - ownerCount - taCount - devCount - guests.length);
      const createdAt = new Date(start.getTime() + this.random.next() * 20 * DAY);
      const mk = (count: number, named: boolean, dom: string) => Array.from({ length: count }, () => this.person(dom, named, createdAt));
      const receiverAdmins = mk(localRa, false, `it-partner${w + 1}.example`);
      for (const guest of guests) receiverAdmins.splice(Math.min(receiverAdmins.length, this.random.int(0, 2)), 0, guest);
      const plan: WorkspacePlan = {
        id: this.ids.next(),
        name: `${company} integration team${w >= COMPANIES.length ? ` ${Math.floor(w / COMPANIES.length) + 1}` : ""}`,
        createdAt,
        owners: mk(ownerCount, true, domain),
        tenantAdmins: mk(taCount, true, domain),
        developers: mk(devCount, true, domain),
        receiverAdmins,
        taZipf: new Zipf(taCount, 1),
        devZipf: new Zipf(devCount, 1),
        raZipf: new Zipf(receiverAdmins.length, 1),
      };
      this.workspaces.push(plan);
      batch.Workspace.add({ id: plan.id, name: plan.name, createdAt });
      const member = (person: Person, role: "OWNER" | "MEMBER" | "GUEST") =>
        batch.Membership.add({ workspaceId: plan.id, userId: person.id, role, createdAt });
      plan.owners.forEach((p) => member(p, "OWNER"));
      [...plan.tenantAdmins, ...plan.developers].forEach((p) => member(p, "MEMBER"));
      plan.receiverAdmins.forEach((p) => member(p, "GUEST"));
      // People of the company who signed in recently have a session.
      for (const p of [...plan.owners, ...plan.tenantAdmins, ...plan.developers]) {
        if (!this.random.chance(0.6)) continue;
        const created = new Date(this.now.getTime() - this.random.next() * 20 * DAY);
        batch.Session.add({ sessionToken: randomUUID(), userId: p.id, expires: new Date(created.getTime() + 30 * DAY), createdAt: created, updatedAt: created });
      }
    }
    for (const user of this.users) {
      batch.User.add({
        id: user.id,
        name: user.name,
        email: user.email,
        emailVerified: user.name ? user.createdAt : null,
        createdAt: user.createdAt,
        updatedAt: user.createdAt,
      });
    }
    this.counts.users = this.users.length;
    return batch;
  }

  /** Cases number `from` (inclusive) to `to` (exclusive), in creation order. */
  caseBatch(from: number, to: number): Batch {
    const batch = newBatch();
    for (let k = from; k < to; k++) this.addCase(batch, k);
    return batch;
  }

  private pickDistinct(pool: Person[], zipf: Zipf, secondChance: number): Person[] {
    const first = pool[zipf.sample(this.random)]!;
    if (pool.length > 1 && this.random.chance(secondChance)) {
      let second = first;
      for (let tries = 0; second === first && tries < 10; tries++) second = pool[zipf.sample(this.random)]!;
      if (second !== first) return [first, second];
    }
    return [first];
  }

  private addCase(batch: Batch, k: number): void {
    const r = this.random;
    const now = this.now.getTime();
    const createdAtMs = Math.min(now - 5 * MINUTE, now - HISTORY + ((k + r.next()) / this.options.cases) * HISTORY);
    const createdAt = new Date(createdAtMs);
    const age = now - createdAtMs;
    const ws = this.workspaces[this.wsZipf.sample(r)]!;
    const variant: Variant = r.chance(0.6) ? "A" : "B";
    const definition = workflowFor(variant);
    const actions = definition.steps.filter((step) => step.kind === "action");
    const receiver = r.pick(RECEIVERS);
    const flows = Array.from(new Set(Array.from({ length: r.int(1, 4) }, () => r.pick(FLOWS))));
    const caseRow: MailCase = {
      id: this.ids.next(),
      title: `${flows[0]} to ${receiver.short}: client certificate from new CA${r.chance(0.3) ? ` (${createdAt.getUTCFullYear()})` : ""}`,
      receiverSystem: receiver.name,
      variant,
      operatingModel: r.chance(0.7) ? "CUSTOMER_MANAGED" : "SAP_MANAGED",
      keystoreAlias: `${receiver.alias}_client${r.chance(0.5) ? `_${r.int(1, 9)}` : ""}`,
    };
    const creator = r.chance(0.7) ? r.pick(ws.owners) : ws.tenantAdmins[ws.taZipf.sample(r)]!;

    // Who takes part, in the order the case form lists them.
    const holders: Record<Role, Person[]> = {
      TENANT_ADMIN: this.pickDistinct(ws.tenantAdmins, ws.taZipf, 0.15),
      RECEIVER_ADMIN: this.pickDistinct(ws.receiverAdmins, ws.raZipf, 0.1),
      INTEGRATION_DEVELOPER: this.pickDistinct(ws.developers, ws.devZipf, 0.2),
    };
    const participants: { person: Person; role: Role }[] = (["TENANT_ADMIN", "RECEIVER_ADMIN", "INTEGRATION_DEVELOPER"] as const).flatMap((role) =>
      holders[role].map((person) => ({ person, role })),
    );
    const recipients = new Map<string, { person: Person; roles: Role[] }>();
    for (const { person, role } of participants) {
      const entry = recipients.get(person.id) ?? { person, roles: [] };
      entry.roles.push(role);
      recipients.set(person.id, entry);
    }
    const rolesOf = (person: Person) => recipients.get(person.id)?.roles ?? [];

    // Where the case stands.
    let status: "OPEN" | "COMPLETED" | "CANCELLED";
    const u = r.next();
    if (age < 30 * DAY) status = u < 0.92 ? "OPEN" : u < 0.97 ? "COMPLETED" : "CANCELLED";
    else if (age < 120 * DAY) status = u < 0.35 ? "OPEN" : u < 0.93 ? "COMPLETED" : "CANCELLED";
    else status = u < 0.015 ? "OPEN" : u < 0.915 ? "COMPLETED" : "CANCELLED";
    const nA = actions.length;
    let done: number; // actions done
    let end: number; // time of the last completed action (or of the current step's readiness)
    let closedAt: number | null = null;
    // People work through the steps within days (0.5 d + exp(6 d) for a whole procedure); an open case waits at
    // its current step since the last completion, which for old open cases means it is stuck (reminded, escalated).
    const activeFor = (share: number) => (0.5 * DAY + r.exponential(6 * DAY)) * share;
    if (status === "COMPLETED") {
      done = nA;
      closedAt = Math.max(createdAtMs + MINUTE, Math.min(createdAtMs + activeFor(1), now - 2 * MINUTE));
      end = closedAt;
    } else if (status === "OPEN") {
      // Recent cases are early in the procedure; older open ones are stuck anywhere.
      done = age < 30 * DAY ? Math.min(nA - 1, Math.floor((age / (30 * DAY)) * nA * r.next())) : r.int(0, nA - 1);
      end = createdAtMs + Math.min((now - createdAtMs) * (0.3 + 0.67 * r.next()), activeFor(done / nA));
    } else {
      done = r.int(0, nA - 1);
      closedAt = Math.max(createdAtMs + MINUTE, Math.min(createdAtMs + DAY + r.exponential(20 * DAY), now - 2 * MINUTE));
      end = createdAtMs + Math.min((closedAt - createdAtMs) * (0.3 + 0.6 * r.next()), activeFor(done / nA));
    }
    // Completion times of the done actions, increasing; the last one is `end`.
    const times: number[] = [];
    for (let i = 0; i < done - 1; i++) times.push(createdAtMs + (end - createdAtMs) * r.next());
    times.sort((a, b) => a - b);
    if (done > 0) times.push(end);
    const readyAtOf = (j: number) => (j === 0 ? createdAtMs : times[j - 1]!);
    /** Until when action j was ready (completion, cancellation or now). */
    const readyUntil = (j: number) => (j < done ? times[j]! : status === "CANCELLED" ? closedAt! : now);

    const cancelReason = r.pick(CANCEL_REASONS);
    this.counts.cases[status]++;
    this.counts.variants[variant]++;
    batch.Case.add({
      id: caseRow.id,
      workspaceId: ws.id,
      title: caseRow.title,
      receiverSystem: caseRow.receiverSystem,
      variant,
      operatingModel: caseRow.operatingModel,
      keystoreAlias: caseRow.keystoreAlias,
      runtimeNodes: Array.from({ length: r.int(1, 4) }, (_, i) => `worker-node-${i + 1}`),
      integrationFlows: flows,
      status,
      cancelReason: status === "CANCELLED" ? cancelReason : null,
      createdById: creator.id,
      createdAt,
      updatedAt: new Date(closedAt ?? (done > 0 ? end : createdAtMs)),
      closedAt: closedAt === null ? null : new Date(closedAt),
    });
    participants.forEach(({ person, role }, i) =>
      batch.Participant.add({ id: this.ids.next(), caseId: caseRow.id, userId: person.id, role, createdAt: new Date(createdAtMs + i) }),
    );

    const template = this.options.templates[k % this.options.templates.length]!;
    const txs: Tx[] = [];
    const tx = (at: number): Tx => {
      const t = { at: new Date(at), entries: [], mails: [] };
      txs.push(t);
      return t;
    };
    const readyMails = (t: Tx, step: StepDefinition, tokenFor: Map<string, string> | null, reminder?: { number: number; waitingSince: Date }) => {
      const before = definition.steps[step.number - 2];
      const handover =
        before?.key === "handover-certificate"
          ? {
              paragraphs: [
                "Attached: the new client certificate and new root CA as PEM files. Compare their SHA-256 fingerprints with what you import:",
                `new client certificate (${template.newSet[0]!.summary.subject}): ${template.newSet[0]!.summary.fingerprints.sha256}`,
                `new root CA (${template.newSet[2]!.summary.subject}): ${template.newSet[2]!.summary.fingerprints.sha256}`,
              ],
              attachments: [
                { filename: "new-client-certificate.pem", contentType: "application/x-pem-file", content: template.newSet[0]!.summary.pem },
                { filename: "new-root-ca.pem", contentType: "application/x-pem-file", content: template.newSet[2]!.summary.pem },
              ],
            }
          : undefined;
      for (const person of holders[step.role]) {
        t.mails.push({
          to: person,
          body: readyMail(caseRow, step, rolesOf(person), tokenFor?.get(person.id) ?? null, {
            reminder: reminder ? { ...reminder, of: REMINDER_MAX } : undefined,
            handover: handover?.paragraphs,
          }),
          attachments: handover?.attachments,
        });
      }
    };
    const base = (kind: string, channel: AuditRow["channel"], actorId: string | null, data: Record<string, unknown> = {}, stepNumber?: number): AuditRow => ({
      kind,
      channel,
      actorId,
      data,
      stepNumber,
    });

    // Creation.
    const created = tx(createdAtMs);
    created.entries.push(
      base("case.created", "WEB", creator.id, {
        title: caseRow.title,
        receiverSystem: caseRow.receiverSystem,
        variant,
        operatingModel: caseRow.operatingModel,
        keystoreAlias: caseRow.keystoreAlias,
        integrationFlows: flows,
      }),
      ...participants.map(({ person, role }) => base("participant.added", "WEB", creator.id, { email: person.email, role })),
    );
    if (r.chance(0.5)) {
      this.addUpload(batch, caseRow.id, "OLD", creator, createdAtMs, template.oldSet, [], [], false);
      created.entries.push(
        base("certificate.uploaded", "WEB", creator.id, {
          set: "OLD",
          certificates: template.oldSet.map((c) => ({ role: c.summary.role, subject: c.summary.subject, sha256: c.summary.fingerprints.sha256 })),
          warnings: [],
          warningsAcknowledged: false,
        }),
      );
    }
    created.entries.push(base("step.ready", "SYSTEM", null, { role: actions[0]!.role }, 1));
    for (const { person, roles } of recipients.values()) {
      created.mails.push({ to: person, body: addedMail(caseRow, roles, creator.name ?? creator.email) });
    }
    readyMails(created, actions[0]!, null);

    // Steps, action links, reminders and completions.
    const stepIds = new Map<number, string>();
    for (const step of definition.steps) stepIds.set(step.number, this.ids.next());
    const completedBy = new Map<number, { person: Person; channel: "WEB" | "EMAIL_LINK"; comment?: string }>();
    actions.forEach((step, j) => {
      if (j >= done) return;
      const pool = holders[step.role];
      const person = pool.length > 1 && r.chance(0.2) ? pool[1]! : pool[0]!;
      const channel = step.input !== undefined ? "WEB" : r.chance(0.55) ? "EMAIL_LINK" : "WEB";
      completedBy.set(step.number, { person, channel, comment: r.chance(0.25) ? r.pick(COMMENTS) : undefined });
    });
    const linkTokens = (step: StepDefinition) =>
      step.input !== undefined ? null : new Map(holders[step.role].map((p) => [p.id, randomBytes(32).toString("base64url")] as const));
    const reminderState = new Map<number, { sent: number; last: number | null; escalated: number | null }>();

    actions.forEach((step, j) => {
      const reached = j < done || (j === done && status !== "COMPLETED");
      if (!reached) return;
      const readyAt = readyAtOf(j);
      const waited = readyUntil(j) - readyAt;
      const reminders = Math.min(REMINDER_MAX, Math.floor(waited / REMINDER_AFTER));
      const escalated = waited >= (REMINDER_MAX + 1) * REMINDER_AFTER ? readyAt + (REMINDER_MAX + 1) * REMINDER_AFTER : null;
      reminderState.set(step.number, { sent: reminders, last: reminders > 0 ? readyAt + reminders * REMINDER_AFTER : null, escalated });
      // Action links: one per holder when the step became ready and again with every reminder.
      const linkRounds = step.input !== undefined ? 0 : 1 + reminders;
      const finished = j < done ? times[j]! : status === "CANCELLED" ? closedAt : null;
      const by = completedBy.get(step.number);
      for (let round = 0; round < linkRounds; round++) {
        const issued = readyAt + round * REMINDER_AFTER;
        const last = round === linkRounds - 1;
        for (const person of holders[step.role]) {
          const used = last && by?.channel === "EMAIL_LINK" && by.person === person;
          batch.ActionToken.add({
            id: this.ids.next(),
            tokenHash: randomBytes(32).toString("hex"),
            stepId: stepIds.get(step.number)!,
            userId: person.id,
            role: step.role,
            expiresAt: new Date(issued + ACTION_LINK_LIFETIME),
            usedAt: used ? new Date(finished!) : null,
            voidedAt: !last ? new Date(issued + REMINDER_AFTER) : finished !== null && !used ? new Date(finished) : null,
            createdAt: new Date(issued),
          });
        }
      }
      for (let n = 1; n <= reminders; n++) {
        const t = tx(readyAt + n * REMINDER_AFTER);
        t.entries.push(base("step.reminded", "SYSTEM", null, { reminder: n, of: REMINDER_MAX }, step.number));
        readyMails(t, step, linkTokens(step), { number: n, waitingSince: new Date(readyAt) });
      }
      if (escalated !== null) {
        const t = tx(escalated);
        t.entries.push(base("step.escalated", "SYSTEM", null, { to: ws.owners.map((o) => o.email) }, step.number));
        for (const owner of ws.owners) {
          t.mails.push({ to: owner, body: escalationMail(caseRow, step, holders[step.role].map((p) => p.email), new Date(readyAt)) });
        }
      }
      if (j < done) {
        const t = tx(times[j]!);
        const comment = by!.comment;
        const context = by!.channel === "EMAIL_LINK" ? { ip: `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, userAgent: r.pick(USER_AGENTS) } : {};
        t.entries.push(base("step.completed", by!.channel, by!.person.id, { key: step.key, role: step.role, ...(comment ? { comment } : {}), ...context }, step.number));
        const next = actions[j + 1];
        for (const handover of definition.steps.slice(step.number, next ? next.number - 1 : undefined)) {
          t.entries.push(base("step.handed_over", "SYSTEM", null, { key: handover.key, from: handover.role, to: handover.to ?? null }, handover.number));
        }
        if (next) {
          t.entries.push(base("step.ready", "SYSTEM", null, { role: next.role }, next.number));
          readyMails(t, next, linkTokens(next));
        } else {
          t.entries.push(base("case.completed", "SYSTEM", null));
          for (const { person, roles } of recipients.values()) t.mails.push({ to: person, body: closedMail(caseRow, roles, { kind: "completed" }) });
        }
        if (step.number === 1) {
          const warned = template.newWarnings.length > 0 || r.chance(0.1);
          this.addUpload(batch, caseRow.id, "NEW", by!.person, times[j]!, template.newSet, template.newChain, template.newWarnings, warned);
          t.entries.push(
            base(
              "certificate.uploaded",
              "WEB",
              by!.person.id,
              {
                set: "NEW",
                certificates: template.newSet.map((c) => ({ role: c.summary.role, subject: c.summary.subject, sha256: c.summary.fingerprints.sha256 })),
                warnings: template.newWarnings.map((w) => w.code),
                warningsAcknowledged: warned,
              },
              1,
            ),
          );
        }
      }
    });

    if (status === "CANCELLED") {
      const owner = r.pick(ws.owners);
      const reason = cancelReason;
      const t = tx(closedAt!);
      t.entries.push(base("case.cancelled", "WEB", owner.id, { reason }));
      for (const { person, roles } of recipients.values()) {
        t.mails.push({ to: person, body: closedMail(caseRow, roles, { kind: "cancelled", reason, by: owner.name ?? owner.email }) });
      }
    }

    // Step rows.
    for (const step of definition.steps) {
      const actionIndex = actions.indexOf(step);
      // A hand-over belongs to the action before it: done by the system the moment that action was done.
      const owning = actionIndex !== -1 ? actionIndex : actions.filter((a) => a.number < step.number).length - 1;
      let stepStatus: "DONE" | "READY" | "BLOCKED" | "CANCELLED";
      if (actionIndex !== -1) stepStatus = actionIndex < done ? "DONE" : actionIndex === done && status === "OPEN" ? "READY" : status === "CANCELLED" ? "CANCELLED" : "BLOCKED";
      else stepStatus = owning < done ? "DONE" : status === "CANCELLED" ? "CANCELLED" : "BLOCKED";
      const by = completedBy.get(step.number);
      const reminder = reminderState.get(step.number);
      const wasReady = actionIndex !== -1 && actionIndex <= done && !(status === "COMPLETED" && actionIndex === done);
      batch.Step.add({
        id: stepIds.get(step.number)!,
        caseId: caseRow.id,
        number: step.number,
        key: step.key,
        role: step.role,
        status: stepStatus,
        readyAt: wasReady ? new Date(readyAtOf(actionIndex)) : null,
        completedAt: stepStatus === "DONE" ? new Date(times[owning]!) : null,
        completedById: by?.person.id ?? null,
        channel: stepStatus === "DONE" ? (by?.channel ?? "SYSTEM") : null,
        comment: by?.comment ?? null,
        remindersSent: reminder?.sent ?? 0,
        lastRemindedAt: reminder?.last ? new Date(reminder.last) : null,
        escalatedAt: reminder?.escalated ? new Date(reminder.escalated) : null,
      });
    }

    // Outbox and audit trail, transaction by transaction.
    for (const t of txs) {
      const entries = [...t.entries];
      for (const mail of t.mails) {
        const mailId = this.ids.next();
        const messageId = `<${randomUUID()}@renewal-desk>`;
        const failed = r.chance(0.0005);
        const sentAt = new Date(t.at.getTime() + r.int(2, 30) * 1000);
        batch.OutgoingMail.add({
          id: mailId,
          caseId: caseRow.id,
          toAddress: mail.to.email,
          subject: mail.body.subject,
          text: mail.body.text,
          html: mail.body.html,
          messageId,
          status: failed ? "FAILED" : "SENT",
          attempts: failed ? 8 : 1,
          nextAttemptAt: failed ? new Date(t.at.getTime() + 6 * HOUR) : t.at,
          lastError: failed ? "550 5.1.1 Recipient address rejected: user unknown" : null,
          sentAt: failed ? null : sentAt,
          attachments: mail.attachments ? JSON.stringify(mail.attachments) : null,
          createdAt: t.at,
        });
        entries.push(base("mail.queued", "SYSTEM", null, { to: mail.to.email, subject: mail.body.subject }));
        this.addAudit(batch, ws.id, caseRow.id, sentAt.getTime(), 0, base(failed ? "mail.failed" : "mail.sent", "SYSTEM", null, {
          to: mail.to.email,
          subject: mail.body.subject,
          messageId,
          ...(failed ? { error: "550 5.1.1 Recipient address rejected: user unknown", attempts: 8 } : {}),
        }));
      }
      entries.forEach((entry, index) => this.addAudit(batch, ws.id, caseRow.id, t.at.getTime(), index, entry));
    }
  }

  private addAudit(batch: Batch, workspaceId: string, caseId: string, at: number, index: number, entry: AuditRow): void {
    batch.AuditEvent.add({
      id: this.ids.next(),
      workspaceId,
      caseId,
      kind: entry.kind,
      actorId: entry.actorId,
      channel: entry.channel,
      stepNumber: entry.stepNumber ?? null,
      data: JSON.stringify(entry.data),
      createdAt: new Date(at + index),
    });
  }

  private addUpload(
    batch: Batch,
    caseId: string,
    set: "OLD" | "NEW",
    by: Person,
    at: number,
    certificates: TemplateCertificate[],
    chain: unknown[],
    warnings: unknown[],
    acknowledged: boolean,
  ): void {
    const uploadId = this.ids.next();
    batch.CertificateUpload.add({
      id: uploadId,
      caseId,
      set,
      uploadedById: by.id,
      warnings: JSON.stringify(warnings),
      warningsAcknowledged: acknowledged,
      chain: JSON.stringify(chain),
      createdAt: new Date(at),
    });
    certificates.forEach((certificate, position) => {
      // Same DER and card as the template; the per-row facts vary like real certificates do.
      const role = certificate.summary.role;
      const notBefore = role === "leaf" ? at - DAY : role === "old-leaf" ? at - 345 * DAY : at - 400 * DAY;
      const notAfter =
        role === "leaf" ? notBefore + (this.random.chance(0.5) ? 365 : 730) * DAY : role === "old-leaf" ? at + this.random.int(5, 40) * DAY : notBefore + 3650 * DAY;
      const sha256 = this.fingerprint(32);
      const sha1 = this.fingerprint(20);
      const serialNumber = this.random.hex(16).toUpperCase();
      const summary = {
        ...certificate.summary,
        serialNumber,
        notBefore: new Date(notBefore).toISOString(),
        notAfter: new Date(notAfter).toISOString(),
        daysLeft: Math.floor((notAfter - at) / DAY),
        fingerprints: { sha256, sha1 },
      };
      batch.StoredCertificate.add({
        id: this.ids.next(),
        uploadId,
        caseId,
        role: certificate.summary.role,
        position,
        der: certificate.der,
        subject: certificate.summary.subject,
        issuer: certificate.summary.issuer,
        serialNumber,
        notBefore: new Date(notBefore),
        notAfter: new Date(notAfter),
        sha256,
        sha1,
        summary: JSON.stringify(summary),
        createdAt: new Date(at),
      });
    });
  }

  private fingerprint(bytes: number): string {
    return (this.random.hex(bytes).toUpperCase().match(/../g) ?? []).join(":");
  }
}
