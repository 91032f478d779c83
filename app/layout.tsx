import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { cookies } from "next/headers";
import { TimeZoneReporter } from "@/components/ui/time-zone-reporter";
import { TIME_ZONE_COOKIE } from "@/lib/time/viewer";

export const metadata: Metadata = {
  title: { default: "Renewal Desk", template: "%s · Renewal Desk" },
  description: "Coordinates the certificate renewals around an integration tenant, step by step, across companies.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const zone = (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? null;
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TimeZoneReporter current={zone} />
        {children}
      </body>
    </html>
  );
}
