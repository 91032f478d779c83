// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files it loads from its own package folder at run time;
  // the Prisma adapters and pg are plain Node libraries that need no bundling.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "nodemailer",
  ],
  poweredByHeader: false,
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
