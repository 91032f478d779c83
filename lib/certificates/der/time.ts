import { DerError, DerNode, Tag } from "./reader";

/**
 * RFC 5280 4.1.2.5: UTCTime is YYMMDDHHMMSSZ and GeneralizedTime YYYYMMDDHHMMSSZ — always
 * seconds, always Zulu, never fractions. Anything else is rejected instead of guessed at.
 */
export function readTime(node: DerNode): Date {
  const text = Buffer.from(node.value).toString("latin1");
  let year: number;
  let rest: string;
  if (node.tag === Tag.utcTime) {
    if (!/^\d{12}Z$/.test(text)) throw new DerError("UTCTime must have the form YYMMDDHHMMSSZ");
    const yy = Number(text.slice(0, 2));
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = text.slice(2);
  } else if (node.tag === Tag.generalizedTime) {
    if (!/^\d{14}Z$/.test(text)) throw new DerError("GeneralizedTime must have the form YYYYMMDDHHMMSSZ");
    year = Number(text.slice(0, 4));
    rest = text.slice(4);
  } else {
    throw new DerError("validity time has the wrong type");
  }
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  const hour = Number(rest.slice(4, 6));
  const minute = Number(rest.slice(6, 8));
  const second = Number(rest.slice(8, 10));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  date.setUTCFullYear(year); // Date.UTC maps years 0..99 to 1900+; certificates never use them, but be exact
  if (
    month < 1 ||
    month > 12 ||
    date.getUTCDate() !== day ||
    date.getUTCMonth() !== month - 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new DerError("validity time is not a real calendar date");
  }
  return date;
}
