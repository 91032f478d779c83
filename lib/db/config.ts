import path from "node:path";

/** Where the embedded PostgreSQL keeps its data when no DATABASE_URL is given. */
export function embeddedDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DATA_DIR ?? ".data/pglite");
}

export function usesEmbeddedDatabase(): boolean {
  return !process.env.DATABASE_URL;
}
