import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * Which part may import which (ARCHITECTURE.md, "Parts and imports"). Each rule names what a layer may not reach.
 */
// lib/db/config only says which database is configured (embedded or a server); it opens nothing.
const DATABASE = "^@/lib/(db(/(?!config$).+)?|generated/prisma/client)$";
const STORES = ["@/lib/*/store/*", "@/lib/*/store/**"];
const QUERIES = ["@/lib/*/queries/*", "@/lib/*/queries/**"];

const layer = (files, ignores, patterns) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

const layers = [
  // Components render what they are given: no database, no writes; from queries only the types of their results.
  layer(
    ["components/**/*.{ts,tsx}"],
    [],
    [
      { regex: DATABASE, message: "Components reach no database." },
      { group: STORES, message: "Components render; the page loads the data and server actions change it." },
      {
        group: QUERIES,
        allowTypeImports: true,
        message: "Components take data as props: import only types from queries.",
      },
    ],
  ),
  // Pages and route handlers do not talk to the database themselves.
  // The benchmark's floor page is the exception by design: it measures one request with one direct query.
  layer(
    ["app/**/*.{ts,tsx}"],
    ["app/(bench)/**"],
    [{ regex: DATABASE, message: "Routes read through lib/*/queries and change through actions or lib/*/store." }],
  ),
  // Reads do not write.
  layer(
    ["lib/*/queries/**/*.ts"],
    [],
    [{ group: STORES, allowTypeImports: true, message: "A query reads; what writes lives in store/." }],
  ),
  // Pure rules: the procedure, certificates, time, fields. No database, no stores, no queries, nothing server-only.
  layer(
    [
      "lib/workflow/*.ts",
      "lib/certificates/**/*.ts",
      "lib/time/**/*.ts",
      "lib/actions/fields.ts",
      "lib/people.ts",
      "lib/audit/describe.ts",
      "lib/audit/filter.ts",
    ],
    [
      "lib/**/actions.ts",
      "lib/**/*-actions.ts",
      "lib/*/store/**",
      "lib/*/queries/**",
      "lib/**/queries/**",
      "lib/**/store/**",
      "lib/workflow/index.ts",
      "lib/time/viewer.ts",
    ],
    [
      { regex: DATABASE, message: "Pure rules take data and return data: no database access here." },
      {
        group: [...STORES, ...QUERIES, "server-only"],
        message: "Pure rules take data and return data: no database access here.",
      },
    ],
  ),
];

const config = [
  ...nextVitals,
  ...nextTs,
  ...layers,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
