"use client";

import { TOO_LARGE_PREFIX } from "@/lib/http/body-limits";
import { RequestRefused, UnexpectedError } from "./_errors/error-pages";

/** Any page or layout below the root that fails on the server (or in the browser) ends here. */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  // An oversized form reaches the browser as an error carrying the server's plain refusal (no digest: not a crash).
  if (!error.digest && error.message.startsWith(TOO_LARGE_PREFIX)) return <RequestRefused message={error.message} />;
  return <UnexpectedError digest={error.digest} />;
}
