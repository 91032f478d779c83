/**
 * What people see when the server fails unexpectedly (the database is unreachable, a bug). Production builds send
 * only a digest to the browser, never the message or stack; the same digest is in the server's log, so it is the
 * reference to quote.
 */
export function UnexpectedError({ digest }: { digest?: string }) {
  return (
    <main
      className="mx-auto mt-16 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm"
      data-testid="unexpected-error"
    >
      <p className="text-sm font-semibold uppercase tracking-wide text-blue-800">Renewal Desk</p>
      <h1 className="text-2xl font-bold">Something went wrong on our side</h1>
      <p>
        This page could not be shown just now. Opening a page changes nothing, and a change you submit is stored
        completely or not at all, never in part: if you had just confirmed something, reload the page in a minute to see
        whether it was recorded before doing it again.
      </p>
      {digest ? (
        <p>
          If it keeps happening, give this reference to whoever runs Renewal Desk for you:{" "}
          <code data-testid="error-reference">{digest}</code>
        </p>
      ) : null}
      <p>
        <a href="" className="font-medium text-blue-800 underline">
          Reload the page
        </a>
      </p>
    </main>
  );
}

/** A request the server refused before reading it (too large): its plain message says what to change. */
export function RequestRefused({ message }: { message: string }) {
  return (
    <main
      className="mx-auto mt-16 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm"
      data-testid="request-refused"
    >
      <p className="text-sm font-semibold uppercase tracking-wide text-blue-800">Renewal Desk</p>
      <h1 className="text-2xl font-bold">The server refused this request</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="" className="font-medium text-blue-800 underline">
          Back to the page
        </a>
      </p>
    </main>
  );
}
