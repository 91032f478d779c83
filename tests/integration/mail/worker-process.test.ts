import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startWorker } from "../../support/worker-process";

const serverDatabase = !!process.env.DATABASE_URL;

describe.runIf(serverDatabase)("npm run worker", () => {
  it("delivers the outbox from a process of its own", async () => {
    const messageId = `<${randomUUID()}@renewal-desk>`;
    await db().outgoingMail.create({
      data: {
        toAddress: "worker-test@example.test",
        subject: "Worker test",
        text: "text",
        html: "<p>html</p>",
        messageId,
      },
    });
    const worker = startWorker({ DEV_MAILBOX: "1", SMTP_URL: "", MAIL_POLL_MS: "200" });
    try {
      const deadline = Date.now() + 30_000;
      let status = "PENDING";
      while (Date.now() < deadline && status !== "SENT") {
        await new Promise((resolve) => setTimeout(resolve, 250));
        status = (await db().outgoingMail.findUniqueOrThrow({ where: { messageId } })).status;
      }
      expect(status).toBe("SENT");
      expect(await db().mailboxMessage.count({ where: { messageId } })).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
