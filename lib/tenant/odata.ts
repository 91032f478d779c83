import { z } from "zod";

/**
 * OData V2 JSON as the tenant writes it (reference §2.3, §4). Unknown keys such as
 * `__metadata` and `__deferred` navigation links are ignored everywhere.
 */

const collectionEnvelope = z.object({
  d: z.object({ results: z.array(z.unknown()), __next: z.string().optional() }),
});
const entityEnvelope = z.object({ d: z.record(z.string(), z.unknown()) });

/** `{"d":{"results":[…]}}`, with the link to the next page when the tenant sends one. */
export function readCollection(body: unknown): { results: unknown[]; next?: string } | undefined {
  const parsed = collectionEnvelope.safeParse(body);
  return parsed.success ? { results: parsed.data.d.results, next: parsed.data.d.__next } : undefined;
}

/** `{"d":{…}}` holding one entity (not a collection). */
export function readEntity(body: unknown): Record<string, unknown> | undefined {
  const parsed = entityEnvelope.safeParse(body);
  if (!parsed.success || Array.isArray(parsed.data.d.results)) return undefined;
  return parsed.data.d;
}

const JSON_DATE = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * `/Date(ms)/` (milliseconds since the epoch, UTC; a DateTimeOffset's `+hhmm` suffix does not
 * change the instant) or ISO 8601. `DeployedOn` comes in both forms (§3), the ISO one without
 * a zone; OData V2 date-times without a zone are UTC (§0), so that is how they are read.
 */
export function parseODataDate(text: string): Date | undefined {
  const json = JSON_DATE.exec(text);
  if (json) return new Date(Number(json[1]));
  const iso = ISO_DATE_TIME.exec(text);
  if (!iso) return undefined;
  const [, dateTime, fraction = "", zone = "Z"] = iso;
  const date = new Date(`${dateTime}${fraction.slice(0, 4)}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const odataDate = z.string().transform((text, context) => {
  const date = parseODataDate(text);
  if (date) return date;
  context.addIssue({ code: "custom", message: `"${text.slice(0, 40)}" is not a date` });
  return z.NEVER;
});

/** The documented error body, and the shape SAP's own mocks use (§4, unconfirmed in real traffic). */
const documentedError = z.object({
  error: z.object({ message: z.union([z.string(), z.object({ value: z.string() })]) }),
});
const mockError = z.object({ message: z.object({ "#text": z.string() }) });

/** The human-readable text of an OData error body, if it has one; bodies may be empty or anything else. */
export function odataErrorText(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const documented = documentedError.safeParse(json);
  const mock = mockError.safeParse(json);
  const text = documented.success
    ? typeof documented.data.error.message === "string"
      ? documented.data.error.message
      : documented.data.error.message.value
    : mock.success
      ? mock.data.message["#text"]
      : undefined;
  const printable = text
    ?.replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim()
    .slice(0, 300);
  return printable || undefined;
}
