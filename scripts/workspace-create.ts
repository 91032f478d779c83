// The operator's way to set up a workspace (needed when WORKSPACE_CREATORS=invited, the default with SMTP):
//
//   npm run workspace:create -- --name "Integration Team ACME" --owner alice@acme.example
//
// Runs against DATABASE_URL, or the embedded database when it is unset (not while `npm start` holds it).
import "dotenv/config";
import { z } from "zod";
import { labelText } from "../lib/actions/fields";
import { migrateDatabase, switchToRuntimeRole } from "../lib/db/prepare";
import { createWorkspaceForOwner } from "@/lib/workspaces/store/workspaces";

const input = z.object({
  name: labelText("The workspace name", 2, 80),
  owner: z.email("The owner must be an e-mail address."),
});

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const parsed = input.safeParse({ name: argument("name"), owner: argument("owner") });
if (!parsed.success) {
  console.error(
    `${parsed.error.issues.map((issue) => issue.message).join("\n")}\nUsage: npm run workspace:create -- --name NAME --owner EMAIL`,
  );
  process.exit(2);
}
await migrateDatabase(() => undefined);
await switchToRuntimeRole(() => undefined);
const { workspaceId } = await createWorkspaceForOwner(parsed.data.owner, parsed.data.name);
console.log(
  `Workspace "${parsed.data.name}" (${workspaceId}) created; ${parsed.data.owner.toLowerCase()} owns it and can sign in now.`,
);
process.exit(0);
