// Prisma 7 configuration. Read by the `prisma` CLI (generate, validate, format, migrate status).
//
// DATABASE_URL is read from process.env directly: `env("DATABASE_URL")` from "prisma/config" throws when the
// variable is unset, which would break `npm install` (postinstall runs `prisma generate`) on a clean clone.
import "dotenv/config";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
  },
  ...(url ? { datasource: { url } } : {}),
});
