import "reflect-metadata";
import { beforeAll, describe, expect, it } from "vitest";
import { validateUploadRequest } from "@/lib/certificates/api-validate";
import { makeCurrentChain, pems, type Chain } from "../../support/certificates";

let server: Chain;
beforeAll(async () => {
  server = await makeCurrentChain("API", "server");
});

async function validate(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await validateUploadRequest(new Request("http://localhost/api", { method: "POST", body: form }));
  return {
    status: response.status,
    body: (await response.json()) as { accepted: boolean; errors: { code: string }[] },
  };
}

describe("the validation endpoint", () => {
  it("checks a client certificate from a new CA unless told otherwise", async () => {
    const { body } = await validate({ leaf: pems(server.leaf, server.intermediate), root: server.root.pem });
    expect(body.errors.map((error) => error.code)).toEqual(["EKU_NO_CLIENT_AUTH"]);
  });

  it("checks what a procedure expects when told its purpose and CA", async () => {
    const { body } = await validate({
      leaf: pems(server.leaf, server.intermediate),
      root: server.root.pem,
      purpose: "server",
      ca: "different",
    });
    expect(body).toMatchObject({ accepted: true, errors: [] });
  });

  it("refuses an unknown purpose or CA rule with the values it takes", async () => {
    const { status, body } = await validate({ leaf: server.leaf.pem, purpose: "email" });
    expect(status).toBe(400);
    expect(body.errors[0]!.code).toBe("UNPARSEABLE");
    expect((await validate({ leaf: server.leaf.pem, ca: "maybe" })).status).toBe(400);
  });
});
