import "server-only";
import { appBaseUrl } from "@/lib/mail/mode";
import { discover, oidcSetting } from "./discovery";

/**
 * Where to end the session at the company provider (RP-initiated logout), or null when the provider has no
 * end-session endpoint or cannot be reached right now.
 */
export async function providerSignOut(providerId: string): Promise<{ name: string; url: string } | null> {
  const setting = oidcSetting(providerId);
  if (!setting) return null;
  const endpoint = await discover(setting).then(
    (document) => document.end_session_endpoint,
    () => undefined,
  );
  if (!endpoint) return null;
  const url = new URL(endpoint);
  url.searchParams.set("client_id", setting.clientId);
  url.searchParams.set("post_logout_redirect_uri", `${appBaseUrl()}/signin/signed-out`);
  return { name: setting.name, url: url.toString() };
}
