/**
 * RFC 5280 4.1.2.5: valid from notBefore through notAfter, both inclusive. Certificate
 * times have one-second resolution, so the checking time is floored to the second
 * (x509-limbo's notbefore-fractional / notafter-fractional cases).
 */
export function validityState(notBefore: Date, notAfter: Date, time: Date): "valid" | "expired" | "not-yet-valid" {
  const t = Math.floor(time.getTime() / 1000) * 1000;
  if (t < notBefore.getTime()) return "not-yet-valid";
  if (t > notAfter.getTime()) return "expired";
  return "valid";
}
