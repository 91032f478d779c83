import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { withPreciseAuthErrors } from "@/lib/auth/oidc/failures";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { boundedRequest } from "@/lib/http/bounded-body";

export function GET(request: NextRequest) {
  return withPreciseAuthErrors(() => handlers.GET(request));
}

/** Auth.js reads whole form bodies: only small ones reach it. */
export async function POST(request: NextRequest) {
  const bounded = await boundedRequest(request, BODY_LIMITS.auth);
  return bounded instanceof Response ? bounded : withPreciseAuthErrors(() => handlers.POST(new NextRequest(bounded)));
}
