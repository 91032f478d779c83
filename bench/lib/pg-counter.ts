/**
 * Counts the statements the app sends to PostgreSQL, by sitting between the app and the server on loopback and
 * reading the frontend side of the wire protocol: every Execute ('E', extended protocol — what Prisma's pg adapter
 * uses) and every simple Query ('Q') is one statement. Bytes are forwarded unchanged. Used only for the serial
 * "queries per request" pass, never while measuring latency (the extra hop would add to it).
 *
 * Why not pg_stat_statements: it needs shared_preload_libraries and a server restart (not ours to do on a shared
 * server); pg_stat_database counts transactions, not statements, and is flushed with a delay of up to 10 s.
 */
import net from "node:net";

export interface StatementLog {
  total: number;
  /** BEGIN / COMMIT / ROLLBACK / SET / SAVEPOINT … */
  control: number;
  texts: string[];
}

const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|RESET|DEALLOCATE|DISCARD|SHOW)\b/i;

export class PgStatementCounter {
  total = 0;
  control = 0;
  private capture: string[] | null = null;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly upstream: { host: string; port: number }) {}

  /** Listens on a free loopback port; returns it. */
  async listen(): Promise<number> {
    this.server = net.createServer((client) => this.connection(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return (this.server!.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Starts recording statement texts (for the report); returns what was recorded since the previous call. */
  record(on: boolean): string[] {
    const recorded = this.capture ?? [];
    this.capture = on ? [] : null;
    return recorded;
  }

  snapshot(): { total: number; control: number } {
    return { total: this.total, control: this.control };
  }

  private counted(text: string): void {
    this.total++;
    if (CONTROL.test(text)) this.control++;
    this.capture?.push(text.replace(/\s+/g, " ").trim());
  }

  private connection(client: net.Socket): void {
    const server = net.connect(this.upstream.port, this.upstream.host);
    // No Nagle on either leg: small protocol messages must not wait for delayed ACKs (40 ms stalls).
    server.setNoDelay(true);
    client.setNoDelay(true);
    this.sockets.add(client);
    this.sockets.add(server);
    const closeBoth = () => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on("error", closeBoth);
    server.on("error", closeBoth);
    client.on("close", closeBoth);
    server.on("close", closeBoth);
    server.pipe(client);

    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    const statements = new Map<string, string>(); // prepared statement name → SQL
    const portals = new Map<string, string>(); // portal name → SQL
    const cstring = (data: Buffer, offset: number): [string, number] => {
      const end = data.indexOf(0, offset);
      return [data.toString("utf8", offset, end), end + 1];
    };

    client.on("data", (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      // Complete messages are forwarded together, in one write, as the client sent them.
      let whole = buffer;
      let parsed = 0;
      for (;;) {
        if (!started) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          if (code === 80877103 || code === 80877104) {
            // SSLRequest / GSSENCRequest: answer "no" ourselves; the client continues in plain text.
            // Always the very first message, alone (the client waits for the answer): nothing parsed before it.
            client.write("N");
            buffer = buffer.subarray(length);
            whole = buffer;
            parsed = 0;
            continue;
          }
          buffer = buffer.subarray(length);
          parsed += length;
          started = true;
          continue;
        }
        if (buffer.length < 5) break;
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const type = String.fromCharCode(buffer[0]!);
        const body = buffer.subarray(5, 1 + length);
        if (type === "P") {
          const [name, next] = cstring(body, 0);
          statements.set(name, cstring(body, next)[0]);
        } else if (type === "B") {
          const [portal, next] = cstring(body, 0);
          portals.set(portal, statements.get(cstring(body, next)[0]) ?? "?");
        } else if (type === "E") {
          this.counted(portals.get(cstring(body, 0)[0]) ?? "?");
        } else if (type === "Q") {
          this.counted(cstring(body, 0)[0]);
        }
        buffer = buffer.subarray(1 + length);
        parsed += 1 + length;
      }
      if (parsed > 0) server.write(whole.subarray(0, parsed));
    });
  }
}
