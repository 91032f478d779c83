/**
 * Keystore entries are addressed by their alias as UTF-8 bytes in hex, because the tenant
 * refuses "/" and "\" in URLs even when percent-encoded (reference §2.1). Uppercase is what
 * the tenant answers with; either case is accepted.
 */
export function toHexAlias(alias: string): string {
  return Buffer.from(alias, "utf8").toString("hex").toUpperCase();
}

/** The alias a hex alias stands for; undefined when it is not hex of valid UTF-8. */
export function fromHexAlias(hexAlias: string): string | undefined {
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(hexAlias)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(hexAlias, "hex"));
  } catch {
    return undefined;
  }
}
