#!/usr/bin/env node
// Stand-in for Prisma's native schema engine, which cannot be downloaded on these machines.
//
// `prisma generate` / `validate` / `format` only need PRISMA_SCHEMA_ENGINE_BINARY to point at an existing
// executable so the CLI does not try to download the real one; none of them run it. Anything that does need the
// engine (`prisma migrate dev|deploy|diff`, `db push`) fails here with a clear message instead. Use
// `npm run db:migrate` and `npm run db:new-migration` (the WebAssembly engine) for those.
const args = process.argv.slice(2);
if (args.includes("--version") || args.includes("-V")) {
  process.stdout.write("schema-engine-stub 0.0.0\n");
  process.exit(0);
}
process.stderr.write(
  "The native Prisma schema engine is not available (stub from scripts/stub-schema-engine.mjs).\n" +
    "Apply migrations with `npm run db:migrate`; author them with `npm run db:new-migration NAME`.\n",
);
process.exit(1);
