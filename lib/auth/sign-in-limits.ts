import "server-only";
import { takeHit, type RateLimit } from "@/lib/limits/store/rate-limit";
import { limitSubjectOf } from "@/lib/http/client-info";

const HOUR = 60 * 60_000;
const PER_ADDRESS: RateLimit = {
  name: "sign-in.address",
  max: Number(process.env.SIGN_IN_MAX_PER_ADDRESS ?? 5),
  windowMs: HOUR,
};
const PER_CLIENT: RateLimit = {
  name: "sign-in.client",
  max: Number(process.env.SIGN_IN_MAX_PER_CLIENT ?? 20),
  windowMs: HOUR,
};

/**
 * Whether a sign-in mail may go out now: at most SIGN_IN_MAX_PER_ADDRESS an hour to one address and
 * SIGN_IN_MAX_PER_CLIENT an hour from one client. Over a limit, nothing is sent but the answer stays the same, so
 * someone asking for another person's address learns nothing and cannot lock them out: the links already sent keep
 * working, an existing session is untouched, and refused requests do not count.
 */
export async function admitSignInMail(email: string, client: string, now = Date.now()): Promise<boolean> {
  if (!(await takeHit(PER_CLIENT, limitSubjectOf(client), now))) return false;
  return takeHit(PER_ADDRESS, email.trim().toLowerCase(), now);
}
