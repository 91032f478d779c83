import { NextResponse } from "next/server";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { boundedRequest } from "@/lib/http/bounded-body";
import { readOptOutToken } from "@/lib/mail/opt-out";
import { acceptMailAgain, refuseMail } from "@/lib/mail/store/opt-outs";
import { appBaseUrl } from "@/lib/mail/mode";

type Params = { params: Promise<{ token: string }> };

/** Opening the header's address in a browser only shows the page; GET never changes anything. */
export async function GET(_request: Request, { params }: Params) {
  const { token } = await params;
  return NextResponse.redirect(`${appBaseUrl()}/mail/opt-out/${encodeURIComponent(token)}`, 303);
}

/**
 * RFC 8058 one-click: a mail program POSTs "List-Unsubscribe=One-Click" here. The refusal page posts here too (with
 * `choice`), and is sent back to the page to see the result. The signed token is the only credential needed.
 */
export async function POST(request: Request, { params }: Params) {
  const { token } = await params;
  const target = readOptOutToken(token);
  if (!target)
    return new Response("This link is not valid.\n", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const bounded = await boundedRequest(request, BODY_LIMITS.auth);
  if (bounded instanceof Response) return bounded;
  const form = await bounded.formData().catch(() => null);
  const fromPage = form?.has("choice") ?? false;
  if (form?.get("choice") === "accept") await acceptMailAgain(target.workspaceId, target.email);
  else if (!(await refuseMail(target.workspaceId, target.email, fromPage ? "page" : "mail-client"))) {
    return new Response("This workspace no longer exists; it sends no mail.\n", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  if (fromPage) return NextResponse.redirect(`${appBaseUrl()}/mail/opt-out/${encodeURIComponent(token)}`, 303);
  return new Response("No further mail from this workspace will be sent to this address.\n", {
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
