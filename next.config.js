// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files it loads from its own package folder at run time;
  // the Prisma adapters and pg are plain Node libraries that need no bundling.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "nodemailer"],
  poweredByHeader: false,
  experimental: {
    // The largest legitimate form is step 1's certificate upload: 2 sides × 10 certificates × 64 KiB + 64 KiB for
    // the other fields. Same value as BODY_LIMITS.serverAction in lib/http/body-limits.ts (a unit test compares).
    serverActions: { bodySizeLimit: 1344 * 1024 },
    // With a proxy, Next.js holds a copy of each request body up to this size (default 10 MB); just above the
    // largest route limit (2,624 KiB for certificate validation), so every limit still sees an oversized body.
    proxyClientMaxBodySize: 3 * 1024 * 1024,
  },
  // `npm run typecheck` (part of `npm test`) checks the whole project once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  async headers() {
    return [
      {
        // Action-link pages carry their token in the path: never cache them (proxy.ts sets Referrer-Policy).
        source: "/a/:token*",
        headers: [
          { key: "Cache-Control", value: "no-store" },
          { key: "X-Robots-Tag", value: "noindex" },
        ],
      },
    ];
  },
};

export default nextConfig;
