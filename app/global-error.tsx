"use client";

import "./globals.css";
import { UnexpectedError } from "./_errors/error-pages";

/** A failure in the root layout itself: this replaces the whole document, so it brings its own html and body. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <UnexpectedError digest={error.digest} />
      </body>
    </html>
  );
}
