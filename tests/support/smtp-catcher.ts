import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export interface CaughtMail {
  messageId: string;
  to: string[];
  subject: string;
  raw: string;
}

/** Reads one header of a raw message, unfolded and with RFC 2047 encoded words decoded. */
export function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) return "";
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/**
 * A real SMTP server on loopback that keeps what it receives; can be stopped and started to simulate an outage.
 * With credentials it requires AUTH (over plain text: loopback only), as a production relay would.
 */
export class SmtpCatcher {
  readonly received: CaughtMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  constructor(private readonly credentials?: { user: string; password: string }) {}

  async start(port = this.port): Promise<void> {
    const credentials = this.credentials;
    const server = new SMTPServer({
      ...(credentials
        ? {
            authMethods: ["PLAIN", "LOGIN"],
            allowInsecureAuth: true,
            disabledCommands: ["STARTTLS"],
            onAuth: (auth, _session, callback) =>
              auth.username === credentials.user && auth.password === credentials.password
                ? callback(null, { user: auth.username })
                : callback(new Error("Invalid username or password")),
          }
        : { authOptional: true, disabledCommands: ["STARTTLS", "AUTH"] }),
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          this.received.push({
            messageId: header(raw, "Message-ID"),
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            subject: header(raw, "Subject"),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    const login = this.credentials
      ? `${encodeURIComponent(this.credentials.user)}:${encodeURIComponent(this.credentials.password)}@`
      : "";
    return `smtp://${login}127.0.0.1:${this.port}`;
  }
}
