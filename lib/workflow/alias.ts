/**
 * The procedure keeps the old alias so that the integration flows need no change. The alias entered after the
 * import must therefore be the case's alias (keystores treat aliases case-insensitively).
 */
export type AliasCheck = { ok: true } | { ok: false; message: string };

export function checkKeystoreAlias(expected: string, entered: string): AliasCheck {
  const given = entered.trim();
  if (given.length === 0) return { ok: false, message: "Enter the alias under which the new key pair was imported." };
  if (given.toLowerCase() === expected.toLowerCase()) return { ok: true };
  return {
    ok: false,
    message:
      `The new key pair must be imported under the existing alias "${expected}", not "${given}". ` +
      "The integration flows refer to the alias; under a new alias they would keep using the old certificate. Import it again under the old alias.",
  };
}
