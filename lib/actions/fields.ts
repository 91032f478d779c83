import { z } from "zod";

/** Text that carries key or certificate material: a PEM block, a PuTTY key, or a long run of Base64. */
export function carriesKeyMaterial(text: string): boolean {
  return (
    /-----BEGIN [A-Z0-9 ]+-----/.test(text) || /PuTTY-User-Key-File-\d/.test(text) || /[A-Za-z0-9+/]{200,}/.test(text)
  );
}

const KEY_MATERIAL_MESSAGE =
  "This text looks like a key or certificate. Paste certificates only into the upload fields; never paste a private key anywhere. Nothing was saved.";

export const caseIdField = z.string().min(1).max(40);
export const stepNumberField = z.coerce.number().int().min(1).max(20);

/**
 * A short label a person chooses (a workspace or case title, a system's name). It appears in other people's mail, so
 * it may not carry a web address: mail would show the link as if the app had written it.
 */
export function labelText(what: string, min: number, max: number, missing = `${what} is missing.`) {
  return z
    .string({ error: missing })
    .trim()
    .min(min, min === 1 ? missing : `${what} needs at least ${min} characters.`)
    .max(max, `${what} can be at most ${max} characters.`)
    .refine(
      (text) => !/[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/\bwww\./i.test(text),
      `${what} cannot contain a web address.`,
    );
}

/** Free text (a comment, a reason), refused when it carries key material. */
export function freeText(what: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${what} can be at most ${max} characters.`)
    .refine((text) => !carriesKeyMaterial(text), KEY_MATERIAL_MESSAGE);
}

/** Splits a textarea or comma list into trimmed, non-empty entries. */
export function listOf(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** Names of runtime nodes or integration flows, one per line or comma: at most 50 of 100 characters, each once. */
export function nameListField(what: string, { required }: { required: boolean }) {
  return z
    .string({ error: `Enter at least one ${what}.` })
    .transform(listOf)
    .pipe(
      z
        .array(z.string().max(100, `Each ${what} can be at most 100 characters.`))
        .min(required ? 1 : 0, `Enter at least one ${what}.`)
        .max(50, `Enter at most 50 ${what}s.`)
        .refine(
          (names) => new Set(names.map((name) => name.toLowerCase())).size === names.length,
          `Each ${what} may appear only once.`,
        ),
    );
}

/** An optional comment on a step: empty means none. */
export const commentField = freeText("A comment", 2000)
  .optional()
  .transform((value) => value || undefined);
