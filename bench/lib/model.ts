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
import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  confirmableByLink,
  givenByPerson,
  workflowFor,
  type ProcedureId,
  type StepDefinition,
} from "@/lib/workflow/definitions";
import { actorsOf } from "@/lib/workflow/turn";
import { receiverChecklist } from "@/lib/workflow/checklists";
import type { Role } from "@/lib/workflow/roles";
import { IdGenerator } from "./ids";
import { Random, Zipf } from "./random";
import { newBatch, type Batch } from "./rows";
import type { CertificateTemplate, TemplateCertificate } from "./certificate-templates";
import {
  addedMail,
  closedMail,
  escalationMail,
  readyMail,
  windowAgreedMail,
  windowProposedMail,
  type MailBody,
  type MailCase,
} from "./mail-text";

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

const FIRST = [
  "Anna",
  "Ben",
  "Clara",
  "David",
  "Eva",
  "Felix",
  "Greta",
  "Hannes",
  "Ida",
  "Jonas",
  "Katrin",
  "Lukas",
  "Mia",
  "Noah",
  "Olga",
  "Paul",
  "Queenie",
  "Rafael",
  "Sofia",
  "Tim",
  "Ute",
  "Viktor",
  "Wiebke",
  "Xaver",
  "Yara",
  "Zoe",
  "Amir",
  "Bea",
  "Chen",
  "Dana",
  "Emre",
  "Fatima",
  "Goran",
  "Hana",
  "Ines",
  "Jan",
  "Kemal",
  "Lena",
  "Marek",
  "Nina",
];
const LAST = [
  "Schmidt",
  "Meyer",
  "Weber",
  "Fischer",
  "Wagner",
  "Becker",
  "Hoffmann",
  "Koch",
  "Richter",
  "Klein",
  "Wolf",
  "Neumann",
  "Schwarz",
  "Braun",
  "Zimmermann",
  "Krüger",
  "Hartmann",
  "Lange",
  "Werner",
  "Lehmann",
  "Kowalski",
  "Novak",
  "Jansen",
  "Dubois",
  "Rossi",
  "García",
  "Silva",
  "Nowak",
  "Popescu",
  "Horvat",
];
const COMPANIES = [
  "Acme Retail",
  "Nordwind Logistics",
  "Helix Pharma",
  "Bavaria Motors",
  "Rhine Chemicals",
  "Alpine Insurance",
  "Baltic Foods",
  "Crescent Energy",
  "Delta Telecom",
  "Emerald Banking",
  "Fjord Shipping",
  "Granite Construction",
  "Harbor Utilities",
  "Iris Fashion",
  "Juniper Health",
  "Kestrel Aviation",
  "Lumen Media",
  "Meridian Steel",
  "Nimbus Software",
  "Orchid Hotels",
];
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
const FLOWS = [
  "Replicate Sales Orders",
  "Send Delivery Notes",
  "Send Payment Files",
  "Post Invoices",
  "Sync Business Partners",
  "Send Customs Declarations",
  "Receive Order Confirmations",
  "Send Payroll Results",
  "Replicate Material Master",
  "Send Shipping Notices",
  "Post Goods Receipts",
  "Send Tax Reports",
];
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
  variants: Record<"A" | "B", number>;
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
    this.counts = {
      workspaces: workspaceCount,
      users: 0,
      cases: { OPEN: 0, COMPLETED: 0, CANCELLED: 0 },
      variants: { A: 0, B: 0 },
    };
  }

  private person(domain: string, named: boolean, createdAt: Date): Person {
    const first = this.random.pick(FIRST);
    const last = this.random.pick(LAST);
    const local = `${first}.${last}`
      .toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z.]/g, "");
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
    const partners = Array.from({ length: partnerCount }, (_, i) =>
      this.person(`partner${i + 1}.example`, true, start),
    );
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
      const people =
        maxShare === minShare ? 50 : 5 + Math.round(45 * Math.sqrt((shares[w]! - minShare) / (maxShare - minShare)));
      const ownerCount = people >= 20 ? 2 : 1;
      const taCount = Math.max(1, Math.round(0.2 * people));
      const devCount = Math.max(1, Math.round(0.25 * people));
      const guests = partnerOf[w]!.slice(0, Math.max(1, people - ownerCount - taCount - devCount));
      const localRa = Math.max(guests.length > 0 ? 0 : 1, people - ownerCount - taCount - devCount - guests.length);
      const createdAt = new Date(start.getTime() + this.random.next() * 20 * DAY);
      const mk = (count: number, named: boolean, dom: string) =>
        Array.from({ length: count }, () => this.person(dom, named, createdAt));
      const receiverAdmins = mk(localRa, false, `it-partner${w + 1}.example`);
      for (const guest of guests)
        receiverAdmins.splice(Math.min(receiverAdmins.length, this.random.int(0, 2)), 0, guest);
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
        batch.Session.add({
          sessionToken: randomUUID(),
          userId: p.id,
          expires: new Date(created.getTime() + 30 * DAY),
          createdAt: created,
          updatedAt: created,
        });
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
    const wsIndex = this.wsZipf.sample(r);
    const ws = this.workspaces[wsIndex]!;
    // The bench models the procedure most cases run: the tenant client certificate from a new CA.
    const variant = r.chance(0.6) ? "A" : "B";
    const procedure: ProcedureId = variant === "A" ? "TENANT_CLIENT_NEW_CA_BOTH" : "TENANT_CLIENT_NEW_CA_DOWNTIME";
    const definition = workflowFor(procedure);
    // Where a case can stand: steps a person gives, and hand-overs that wait for a moment (B3 waits for the window).
    const stops = definition.steps.filter((step) => givenByPerson(step) || step.waitsFor !== undefined);
    const receiver = r.pick(RECEIVERS);
    const flows = Array.from(new Set(Array.from({ length: r.int(1, 4) }, () => r.pick(FLOWS))));
    const nodes = Array.from({ length: r.int(1, 4) }, (_, i) => `worker-node-${i + 1}`);
    const landscape = r.chance(0.5) ? "GENERIC_HTTPS" : r.chance(0.7) ? "SAP_WEB_DISPATCHER_ABAP" : "CUSTOM";
    const caseRow: MailCase = {
      id: this.ids.next(),
      title: `${flows[0]} to ${receiver.short}: client certificate from new CA${r.chance(0.3) ? ` (${createdAt.getUTCFullYear()})` : ""}`,
      receiverSystem: receiver.name,
      procedure,
      operatingModel: r.chance(0.7) ? "CUSTOMER_MANAGED" : "SAP_MANAGED",
      keystoreAlias: `${receiver.alias}_client${r.chance(0.5) ? `_${r.int(1, 9)}` : ""}`,
    };
    const creator = r.chance(0.7) ? r.pick(ws.owners) : ws.tenantAdmins[ws.taZipf.sample(r)]!;

    // Who takes part, in the order the case form lists them.
    const holders: Record<Role, Person[]> = {
      TENANT_ADMIN: this.pickDistinct(ws.tenantAdmins, ws.taZipf, 0.15),
      RECEIVER_ADMIN: this.pickDistinct(ws.receiverAdmins, ws.raZipf, 0.1),
      INTEGRATION_DEVELOPER: this.pickDistinct(ws.developers, ws.devZipf, 0.2),
      SENDER_ADMIN: [],
      LOAD_BALANCER_ADMIN: [],
    };
    const participants: { person: Person; role: Role }[] = (
      ["TENANT_ADMIN", "RECEIVER_ADMIN", "INTEGRATION_DEVELOPER"] as const
    ).flatMap((role) => holders[role].map((person) => ({ person, role })));
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
    const nS = stops.length;
    let done: number; // stops passed
    let end: number; // time of the last one passed
    let closedAt: number | null = null;
    // People work through the steps within days (0.5 d + exp(6 d) for a whole procedure); an open case waits at
    // its current step since the last completion, which for old open cases means it is stuck (reminded, escalated).
    const activeFor = (share: number) => (0.5 * DAY + r.exponential(6 * DAY)) * share;
    if (status === "COMPLETED") {
      done = nS;
      closedAt = Math.max(createdAtMs + MINUTE, Math.min(createdAtMs + activeFor(1), now - 2 * MINUTE));
      end = closedAt;
    } else if (status === "OPEN") {
      // Recent cases are early in the procedure; older open ones are stuck anywhere.
      done = age < 30 * DAY ? Math.min(nS - 1, Math.floor((age / (30 * DAY)) * nS * r.next())) : r.int(0, nS - 1);
      end = createdAtMs + Math.min((now - createdAtMs) * (0.3 + 0.67 * r.next()), activeFor(done / nS));
    } else {
      done = r.int(0, nS - 1);
      closedAt = Math.max(
        createdAtMs + MINUTE,
        Math.min(createdAtMs + DAY + r.exponential(20 * DAY), now - 2 * MINUTE),
      );
      end = createdAtMs + Math.min((closedAt - createdAtMs) * (0.3 + 0.6 * r.next()), activeFor(done / nS));
    }
    // When each passed stop was passed, increasing; the last one is `end`.
    const times: number[] = [];
    for (let i = 0; i < done - 1; i++) times.push(createdAtMs + (end - createdAtMs) * r.next());
    times.sort((a, b) => a - b);
    if (done > 0) times.push(end);
    const readyAtOf = (j: number) => (j === 0 ? createdAtMs : times[j - 1]!);
    /** Until when stop j was ready (passed, cancelled or now). */
    const readyUntil = (j: number) => (j < done ? times[j]! : status === "CANCELLED" ? closedAt! : now);
    const stopIndex = (number: number) => stops.findIndex((stop) => stop.number === number);

    // B: the downtime window agreed at step 2 starts when the waiting hand-over (step 3) is performed.
    const waiting = stops.find((stop) => stop.waitsFor === "window-start");
    let window: { start: number; end: number } | null = null;
    if (waiting) {
      const w = stopIndex(waiting.number);
      if (w < done) window = { start: times[w]!, end: 0 };
      else if (w === done)
        window = { start: (status === "CANCELLED" ? closedAt! : now) + (0.3 + r.next() * 7) * DAY, end: 0 };
      if (window) window.end = window.start + r.int(2, 6) * HOUR;
    }

    const cancelReason = r.pick(CANCEL_REASONS);
    this.counts.cases[status]++;
    this.counts.variants[variant]++;
    batch.Case.add({
      id: caseRow.id,
      workspaceId: ws.id,
      title: caseRow.title,
      receiverSystem: caseRow.receiverSystem,
      procedure,
      operatingModel: caseRow.operatingModel,
      keystoreAlias: caseRow.keystoreAlias,
      runtimeNodes: nodes,
      integrationFlows: flows,
      status,
      cancelReason: status === "CANCELLED" ? cancelReason : null,
      createdById: creator.id,
      createdAt,
      updatedAt: new Date(closedAt ?? (done > 0 ? end : createdAtMs)),
      closedAt: closedAt === null ? null : new Date(closedAt),
      receiverLandscape: landscape,
      windowStart: window ? new Date(window.start) : null,
      windowEnd: window ? new Date(window.end) : null,
      windowSequence: 0,
      windowOverdueAt: null,
    });
    participants.forEach(({ person, role }, i) =>
      batch.Participant.add({
        id: this.ids.next(),
        caseId: caseRow.id,
        userId: person.id,
        role,
        createdAt: new Date(createdAtMs + i),
      }),
    );

    // Certificates: one set per workspace (its old corporate CA; the new CA is a public one shared by everybody).
    const template = this.options.templates[wsIndex % this.options.templates.length]!;
    const txs: Tx[] = [];
    const tx = (at: number): Tx => {
      const t = { at: new Date(at), entries: [], mails: [] };
      txs.push(t);
      return t;
    };
    const linkTokens = (step: StepDefinition) =>
      confirmableByLink(step)
        ? new Map(holders[step.role].map((p) => [p.id, randomBytes(32).toString("base64url")] as const))
        : null;
    const readyMails = (t: Tx, step: StepDefinition, reminder?: { number: number; waitingSince: Date }) => {
      if (!givenByPerson(step)) return; // a waiting hand-over tells nobody until it is performed
      const tokens = linkTokens(step);
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
                {
                  filename: "new-client-certificate.pem",
                  contentType: "application/x-pem-file",
                  content: template.newSet[0]!.summary.pem,
                },
                {
                  filename: "new-root-ca.pem",
                  contentType: "application/x-pem-file",
                  content: template.newSet[2]!.summary.pem,
                },
              ],
            }
          : undefined;
      for (const person of holders[step.role]) {
        t.mails.push({
          to: person,
          body: readyMail(caseRow, step, rolesOf(person), tokens?.get(person.id) ?? null, {
            reminder: reminder ? { ...reminder, of: REMINDER_MAX } : undefined,
            handover: handover?.paragraphs,
          }),
          attachments: handover?.attachments,
        });
      }
    };
    const base = (
      kind: string,
      channel: AuditRow["channel"],
      actorId: string | null,
      data: Record<string, unknown> = {},
      stepNumber?: number,
    ): AuditRow => ({
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
        procedure,
        operatingModel: caseRow.operatingModel,
        keystoreAlias: caseRow.keystoreAlias,
        runtimeNodes: nodes,
        integrationFlows: flows,
        receiverLandscape: landscape,
      }),
      ...participants.map(({ person, role }) =>
        base("participant.added", "WEB", creator.id, { email: person.email, role }),
      ),
    );
    const oldFingerprints = this.oldRootFingerprints(ws.id);
    if (r.chance(0.5)) {
      this.addUpload(batch, caseRow.id, "OLD", creator, createdAtMs, template.oldSet, [], [], false, oldFingerprints);
      created.entries.push(
        base("certificate.uploaded", "WEB", creator.id, {
          set: "OLD",
          certificates: template.oldSet.map((c) => ({ role: c.summary.role, subject: c.summary.subject })),
          warnings: [],
          warningsAcknowledged: false,
        }),
      );
    }
    created.entries.push(base("step.ready", "SYSTEM", null, { role: stops[0]!.role }, 1));
    for (const { person, roles } of recipients.values()) {
      created.mails.push({ to: person, body: addedMail(caseRow, roles, creator.name ?? creator.email) });
    }
    readyMails(created, stops[0]!);

    // The receiver's task list is written when the case is created (a custom landscape's by the administrator).
    const receiverStep = definition.steps.find((step) => step.input === "receiver-checklist")!;
    const checklist = receiverChecklist(landscape, definition).map((item) => ({ ...item, custom: false }));
    if (landscape === "CUSTOM") {
      const j = stopIndex(receiverStep.number);
      if (j <= done && !(status === "COMPLETED" && j === done)) {
        for (const label of [
          "Import the new root CA into the gateway's trust store",
          "Map the new client certificate to the technical user",
          "Restart the gateway",
        ].slice(0, r.int(2, 3))) {
          checklist.push({ label, custom: true });
        }
      }
    }

    // Steps, action links, reminders, inputs and completions.
    const stepIds = new Map<number, string>();
    for (const step of definition.steps) stepIds.set(step.number, this.ids.next());
    const completedBy = new Map<
      number,
      { person: Person | null; channel: "WEB" | "EMAIL_LINK" | "SYSTEM"; comment?: string }
    >();
    const details = new Map<number, Record<string, unknown>>();
    stops.forEach((step, j) => {
      if (j >= done) return;
      if (step.kind === "handover") {
        completedBy.set(step.number, { person: null, channel: "SYSTEM" });
        return;
      }
      const roles = actorsOf(step);
      const role = roles.length > 1 && r.chance(0.3) ? roles[1]! : roles[0]!;
      const pool = holders[role];
      const person = pool.length > 1 && r.chance(0.2) ? pool[1]! : pool[0]!;
      const channel = confirmableByLink(step) && r.chance(0.55) ? "EMAIL_LINK" : "WEB";
      completedBy.set(step.number, { person, channel, comment: r.chance(0.25) ? r.pick(COMMENTS) : undefined });
    });
    const reminderState = new Map<number, { sent: number; last: number | null; escalated: number | null }>();

    stops.forEach((step, j) => {
      const reached = j < done || (j === done && status !== "COMPLETED");
      if (!reached) return;
      const readyAt = readyAtOf(j);
      const finished = j < done ? times[j]! : status === "CANCELLED" ? closedAt : null;
      const by = completedBy.get(step.number);
      if (givenByPerson(step)) {
        const waited = readyUntil(j) - readyAt;
        const reminders = Math.min(REMINDER_MAX, Math.floor(waited / REMINDER_AFTER));
        const escalated =
          waited >= (REMINDER_MAX + 1) * REMINDER_AFTER ? readyAt + (REMINDER_MAX + 1) * REMINDER_AFTER : null;
        reminderState.set(step.number, {
          sent: reminders,
          last: reminders > 0 ? readyAt + reminders * REMINDER_AFTER : null,
          escalated,
        });
        // Action links: one per holder when the step became ready and again with every reminder.
        const linkRounds = confirmableByLink(step) ? 1 + reminders : 0;
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
              voidedAt: !last
                ? new Date(issued + REMINDER_AFTER)
                : finished !== null && !used
                  ? new Date(finished)
                  : null,
              createdAt: new Date(issued),
            });
          }
        }
        for (let n = 1; n <= reminders; n++) {
          const t = tx(readyAt + n * REMINDER_AFTER);
          t.entries.push(base("step.reminded", "SYSTEM", null, { reminder: n, of: REMINDER_MAX }, step.number));
          readyMails(t, step, { number: n, waitingSince: new Date(readyAt) });
        }
        if (escalated !== null) {
          const t = tx(escalated);
          t.entries.push(base("step.escalated", "SYSTEM", null, { to: ws.owners.map((o) => o.email) }, step.number));
          for (const owner of ws.owners) {
            t.mails.push({
              to: owner,
              body: escalationMail(
                caseRow,
                step,
                holders[step.role].map((p) => p.email),
                new Date(readyAt),
              ),
            });
          }
        }
        this.addInputs(batch, tx, base, {
          caseId: caseRow.id,
          caseCreatedAt: createdAtMs,
          caseRow,
          step,
          readyAt,
          finished: j < done ? times[j]! : null,
          until: readyUntil(j),
          holders,
          by: by?.person ?? null,
          flows,
          nodes,
          checklist: step.number === receiverStep.number ? checklist : [],
          window,
          recipients: [...recipients.values()],
          details,
        });
      }
      if (j < done) {
        const t = tx(times[j]!);
        if (givenByPerson(step)) {
          const context =
            by!.channel === "EMAIL_LINK"
              ? { ip: `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, userAgent: r.pick(USER_AGENTS) }
              : {};
          t.entries.push(
            base(
              "step.completed",
              by!.channel,
              by!.person!.id,
              { key: step.key, role: step.role, ...(by!.comment ? { comment: by!.comment } : {}), ...context },
              step.number,
            ),
          );
        } else {
          t.entries.push(
            base(
              "step.handed_over",
              "SYSTEM",
              null,
              { key: step.key, windowStart: window ? new Date(window.start).toISOString() : null },
              step.number,
            ),
          );
        }
        const next = stops[j + 1];
        for (const handover of definition.steps.slice(step.number, next ? next.number - 1 : undefined)) {
          t.entries.push(
            base(
              "step.handed_over",
              "SYSTEM",
              null,
              { key: handover.key, from: handover.role, to: handover.to ?? null },
              handover.number,
            ),
          );
        }
        if (next) {
          t.entries.push(base("step.ready", "SYSTEM", null, { role: next.role }, next.number));
          readyMails(t, next);
        } else {
          t.entries.push(base("case.completed", "SYSTEM", null));
          for (const { person, roles } of recipients.values())
            t.mails.push({ to: person, body: closedMail(caseRow, roles, { kind: "completed" }) });
        }
        if (step.input === "certificates") {
          const warned = template.newWarnings.length > 0 || r.chance(0.1);
          this.addUpload(
            batch,
            caseRow.id,
            "NEW",
            by!.person!,
            times[j]!,
            template.newSet,
            template.newChain,
            template.newWarnings,
            warned,
            null,
          );
          t.entries.push(
            base(
              "certificate.uploaded",
              "WEB",
              by!.person!.id,
              {
                set: "NEW",
                certificates: template.newSet.map((c) => ({ role: c.summary.role, subject: c.summary.subject })),
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
        t.mails.push({
          to: person,
          body: closedMail(caseRow, roles, { kind: "cancelled", reason, by: owner.name ?? owner.email }),
        });
      }
    }

    // Step rows.
    for (const step of definition.steps) {
      const j = stopIndex(step.number);
      // A plain hand-over belongs to the stop before it: performed by the system the moment that one was passed.
      const owning = j !== -1 ? j : stops.filter((stop) => stop.number < step.number).length - 1;
      let stepStatus: "DONE" | "READY" | "BLOCKED" | "CANCELLED";
      if (j !== -1)
        stepStatus =
          j < done
            ? "DONE"
            : j === done && status === "OPEN"
              ? "READY"
              : status === "CANCELLED"
                ? "CANCELLED"
                : "BLOCKED";
      else stepStatus = owning < done ? "DONE" : status === "CANCELLED" ? "CANCELLED" : "BLOCKED";
      const by = completedBy.get(step.number);
      const reminder = reminderState.get(step.number);
      const wasReady = j !== -1 && j <= done && !(status === "COMPLETED" && j === done);
      batch.Step.add({
        id: stepIds.get(step.number)!,
        caseId: caseRow.id,
        number: step.number,
        key: step.key,
        role: step.role,
        status: stepStatus,
        readyAt: wasReady ? new Date(readyAtOf(j)) : null,
        completedAt: stepStatus === "DONE" ? new Date(times[owning]!) : null,
        completedById: by?.person?.id ?? null,
        channel: stepStatus === "DONE" ? (by?.channel ?? "SYSTEM") : null,
        comment: by?.comment ?? null,
        remindersSent: reminder?.sent ?? 0,
        lastRemindedAt: reminder?.last ? new Date(reminder.last) : null,
        escalatedAt: reminder?.escalated ? new Date(reminder.escalated) : null,
        details: details.has(step.number) ? JSON.stringify(details.get(step.number)) : null,
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
        this.addAudit(
          batch,
          ws.id,
          caseRow.id,
          sentAt.getTime(),
          0,
          base(failed ? "mail.failed" : "mail.sent", "SYSTEM", null, {
            to: mail.to.email,
            subject: mail.body.subject,
            messageId,
            ...(failed ? { error: "550 5.1.1 Recipient address rejected: user unknown", attempts: 8 } : {}),
          }),
        );
      }
      entries.forEach((entry, index) => this.addAudit(batch, ws.id, caseRow.id, t.at.getTime(), index, entry));
    }
  }

  /**
   * What a step's input leaves behind (lib/workflow/store/inputs): downtime proposals and the agreed window (B2),
   * the receiver's task list ticked off (A3/B8), the flows × nodes grid (B4, A7, B11), the alias (A5/B6) and the
   * old root decision (A9, B8) in the step's details; with their audit events and mails.
   */
  private addInputs(
    batch: Batch,
    tx: (at: number) => Tx,
    base: (
      kind: string,
      channel: AuditRow["channel"],
      actorId: string | null,
      data?: Record<string, unknown>,
      stepNumber?: number,
    ) => AuditRow,
    a: {
      caseId: string;
      caseCreatedAt: number;
      caseRow: MailCase;
      step: StepDefinition;
      readyAt: number;
      finished: number | null;
      until: number;
      holders: Record<Role, Person[]>;
      by: Person | null;
      flows: string[];
      nodes: string[];
      checklist: { label: string; thirdParty?: string; custom: boolean }[];
      window: { start: number; end: number } | null;
      recipients: { person: Person; roles: Role[] }[];
      details: Map<number, Record<string, unknown>>;
    },
  ): void {
    const r = this.random;
    const { step } = a;
    const doneBy = a.by ?? a.holders[step.role][0]!;
    const during = (share: number) => a.readyAt + (a.until - a.readyAt) * share;
    const finishedOrDuring = (share: number) =>
      a.finished !== null ? a.readyAt + (a.finished - a.readyAt) * share : during(share);
    switch (step.input) {
      case "downtime-window": {
        const ta = a.holders.TENANT_ADMIN[0]!;
        const ra = a.holders.RECEIVER_ADMIN[0]!;
        const rounds = a.finished !== null ? r.int(1, 2) : r.chance(0.5) ? 1 : 0;
        for (let round = 0; round < rounds; round++) {
          const at = finishedOrDuring((round + 1) / (rounds + 1));
          const accepted = a.finished !== null && round === rounds - 1;
          const start = accepted && a.window ? a.window.start : at + r.int(2, 10) * DAY;
          const end = accepted && a.window ? a.window.end : start + r.int(2, 6) * HOUR;
          const open = a.finished === null && round === rounds - 1;
          batch.DowntimeProposal.add({
            id: this.ids.next(),
            caseId: a.caseId,
            start: new Date(start),
            end: new Date(end),
            proposedById: ta.id,
            proposedAsRole: "TENANT_ADMIN",
            status: open ? "OPEN" : accepted ? "ACCEPTED" : "DECLINED",
            respondedById: open ? null : ra.id,
            respondedAt: open
              ? null
              : new Date(accepted ? a.finished! : finishedOrDuring((round + 1.5) / (rounds + 1))),
            createdAt: new Date(at),
          });
          const t = tx(at);
          t.entries.push(
            base(
              "window.proposed",
              "WEB",
              ta.id,
              { windows: [{ start: new Date(start).toISOString(), end: new Date(end).toISOString() }] },
              step.number,
            ),
          );
          for (const person of a.holders.RECEIVER_ADMIN)
            t.mails.push({
              to: person,
              body: windowProposedMail(a.caseRow, ta.name ?? ta.email, [
                { start: new Date(start), end: new Date(end) },
              ]),
            });
        }
        if (a.finished !== null && a.window) {
          a.details.set(step.number, {
            windowStart: new Date(a.window.start).toISOString(),
            windowEnd: new Date(a.window.end).toISOString(),
          });
          const t = tx(a.finished - 1000);
          t.entries.push(
            base(
              "window.accepted",
              "WEB",
              ra.id,
              { start: new Date(a.window.start).toISOString(), end: new Date(a.window.end).toISOString() },
              step.number,
            ),
          );
          for (const { person } of a.recipients) {
            const mail = windowAgreedMail(a.caseRow, { start: new Date(a.window.start), end: new Date(a.window.end) });
            t.mails.push({
              to: person,
              body: mail,
              attachments: [
                {
                  filename: "invite.ics",
                  contentType: "text/calendar; charset=utf-8; method=REQUEST",
                  content: mail.ics,
                },
              ],
            });
          }
        }
        return;
      }
      case "receiver-checklist": {
        const ticked = a.finished !== null ? a.checklist.length : Math.floor(a.checklist.length * r.next());
        a.checklist.forEach((item, position) => {
          const at = position < ticked ? finishedOrDuring((position + 1) / (a.checklist.length + 1)) : null;
          batch.ChecklistItem.add({
            id: this.ids.next(),
            caseId: a.caseId,
            stepNumber: step.number,
            position,
            label: item.label,
            thirdParty: item.thirdParty ?? null,
            doneAt: at === null ? null : new Date(at),
            doneById: at === null ? null : doneBy.id,
            performedBy: at === null ? null : (item.thirdParty ?? doneBy.name ?? doneBy.email),
            createdAt: new Date(item.custom ? a.readyAt + MINUTE : a.caseCreatedAt),
          });
          if (item.custom)
            tx(a.readyAt + MINUTE + position).entries.push(
              base("checklist.item_added", "WEB", doneBy.id, { item: item.label }, step.number),
            );
          if (at !== null)
            tx(at).entries.push(
              base(
                "checklist.ticked",
                "WEB",
                doneBy.id,
                { item: item.label, performedBy: item.thirdParty ?? doneBy.email },
                step.number,
              ),
            );
        });
        if (step.key === "exchange-certificate" && a.finished !== null) {
          const decision = {
            oldRoot: r.chance(0.7) ? "removed" : "kept",
            reason: "No other connection uses the old root.",
          };
          a.details.set(step.number, decision);
          tx(a.finished - 1000).entries.push(base("old_root.decided", "WEB", doneBy.id, decision, step.number));
        }
        return;
      }
      case "flow-node-grid": {
        // Node by node: every flow on a node confirmed at once.
        const confirmedNodes = a.finished !== null ? a.nodes.length : Math.floor(a.nodes.length * r.next());
        a.nodes.slice(0, confirmedNodes).forEach((node, i) => {
          const at = finishedOrDuring((i + 1) / (a.nodes.length + 1));
          for (const flow of a.flows) {
            batch.FlowNodeConfirmation.add({
              id: this.ids.next(),
              caseId: a.caseId,
              stepNumber: step.number,
              flow,
              node,
              confirmedById: doneBy.id,
              confirmedAt: new Date(at),
            });
          }
          tx(at).entries.push(
            base("grid.confirmed", "WEB", doneBy.id, { cells: a.flows.map((flow) => ({ flow, node })) }, step.number),
          );
        });
        return;
      }
      case "keystore-alias":
        if (a.finished !== null) a.details.set(step.number, { alias: a.caseRow.keystoreAlias });
        return;
      case "old-root-removal":
        if (a.finished !== null) {
          const decision = {
            oldRoot: r.chance(0.7) ? "removed" : "kept",
            reason: "No other connection uses the old root.",
            oldClientCertificateRemoved: true,
          };
          a.details.set(step.number, decision);
          tx(a.finished - 1000).entries.push(base("old_root.decided", "WEB", doneBy.id, decision, step.number));
        }
        return;
      default:
        return;
    }
  }

  /** The old corporate root CA of a workspace: the same fingerprint on every case of that workspace. */
  private oldRootFingerprints(workspaceId: string): { sha256: string; sha1: string } {
    const hash = createHash("sha256").update(`old-root:${workspaceId}`).digest("hex").toUpperCase();
    const sha1 = createHash("sha1").update(`old-root:${workspaceId}`).digest("hex").toUpperCase();
    const colons = (hex: string) => (hex.match(/../g) ?? []).join(":");
    return { sha256: colons(hash), sha1: colons(sha1) };
  }

  private addAudit(
    batch: Batch,
    workspaceId: string,
    caseId: string,
    at: number,
    index: number,
    entry: AuditRow,
  ): void {
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
    oldRoot: { sha256: string; sha1: string } | null,
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
      // Same DER and card as the template. Client certificates differ on every case (serial, fingerprints,
      // validity); CA certificates are the same certificate wherever they occur: the new CA's root and
      // intermediate are public ones shared by all workspaces (the template's own), the old root is the
      // workspace's corporate CA (one fingerprint per workspace).
      const role = certificate.summary.role;
      let { serialNumber, notBefore: notBeforeText, notAfter: notAfterText } = certificate.summary;
      let fingerprints = certificate.summary.fingerprints;
      if (role === "leaf" || role === "old-leaf") {
        const notBefore = role === "leaf" ? at - DAY : at - 345 * DAY;
        const notAfter =
          role === "leaf" ? notBefore + (this.random.chance(0.5) ? 365 : 730) * DAY : at + this.random.int(5, 40) * DAY;
        notBeforeText = new Date(notBefore).toISOString();
        notAfterText = new Date(notAfter).toISOString();
        serialNumber = this.random.hex(16).toUpperCase();
        fingerprints = { sha256: this.fingerprint(32), sha1: this.fingerprint(20) };
      } else if (role === "old-root" && oldRoot) {
        fingerprints = oldRoot;
        serialNumber = oldRoot.sha1.replace(/:/g, "").slice(0, 32);
      }
      const notBefore = Date.parse(notBeforeText);
      const notAfter = Date.parse(notAfterText);
      const { sha256, sha1 } = fingerprints;
      const summary = {
        ...certificate.summary,
        serialNumber,
        notBefore: notBeforeText,
        notAfter: notAfterText,
        daysLeft: Math.floor((notAfter - at) / DAY),
        fingerprints,
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
