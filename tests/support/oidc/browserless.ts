/**
 * A browser without a browser: fetch with a cookie jar that follows redirects one at a time, so a test can walk
 * an OpenID Connect redirect dance (to oidc-provider, or through the app's /api/auth routes) and stop where it wants.
 * Cookies are kept per host name and path, not per port, as browsers do: 127.0.0.1:3000 and 127.0.0.1:4000 share them.
 */

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export class CookieJar {
  private readonly byHost = new Map<string, Map<string, StoredCookie>>();

  /** Takes the Set-Cookie headers of a response to a request for `url`. */
  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = "/";
      let expired = value === "";
      for (const attribute of attributes) {
        const [key = "", val = ""] = attribute.split("=");
        if (key.toLowerCase() === "path" && val.startsWith("/")) path = val;
        if (key.toLowerCase() === "max-age" && Number(val) <= 0) expired = true;
        if (key.toLowerCase() === "expires" && Date.parse(val) <= Date.now()) expired = true;
      }
      const jar = this.byHost.get(url.hostname) ?? new Map<string, StoredCookie>();
      this.byHost.set(url.hostname, jar);
      if (expired) jar.delete(`${name};${path}`);
      else jar.set(`${name};${path}`, { name, value, path });
    }
  }

  /** The Cookie header for a request to `url` ("" when none). */
  header(url: URL): string {
    const jar = this.byHost.get(url.hostname);
    if (!jar) return "";
    return [...jar.values()]
      .filter(
        (cookie) =>
          url.pathname === cookie.path ||
          url.pathname.startsWith(cookie.path.endsWith("/") ? cookie.path : `${cookie.path}/`),
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
  }

  get(hostname: string, name: string): string | undefined {
    return [...(this.byHost.get(hostname)?.values() ?? [])].find((cookie) => cookie.name === name)?.value;
  }
}

export interface Hop {
  method: "GET" | "POST";
  url: URL;
  status: number;
}

export interface WalkResult {
  /** Where the walk stopped: the first URL `until` accepted, or the last response that was neither a redirect nor an auto-submitted form. */
  url: URL;
  /** The response at `url` when it was fetched (undefined when the walk stopped before fetching it). */
  response?: Response;
  /** When the walk stopped before POSTing an auto-submitted form to `url`: the form's fields. */
  form?: URLSearchParams;
  hops: Hop[];
}

function decodeHtml(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#39|#x27);/g,
    (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" })[entity] ?? "",
  );
}

/**
 * The form of a page that submits itself on load (oidc-provider's "Submitting Callback" pages: response_mode=form_post,
 * and the logout of the previous user when another one signs in), or null.
 */
export function autoSubmittedForm(html: string, base: URL): { action: URL; fields: URLSearchParams } | null {
  if (!/document\.forms\[0\]\.submit\(\)/.test(html)) return null;
  const form = /<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/?>/g)) {
    fields.append(decodeHtml(input[1]!), decodeHtml(input[2]!));
  }
  return { action: new URL(decodeHtml(form[1]!), base), fields };
}

export class Browserless {
  readonly jar = new CookieJar();

  async request(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(target);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    this.jar.store(target, response);
    return response;
  }

  /**
   * GETs `start` and goes on as a browser would: follows redirects and submits self-submitting forms. Stops before
   * requesting a URL for which `until` is true (e.g. the client's redirect_uri), or at the first other answer.
   */
  async walk(start: URL | string, until: (url: URL) => boolean = () => false, maxHops = 15): Promise<WalkResult> {
    let url = new URL(start);
    let form: URLSearchParams | undefined;
    const hops: Hop[] = [];
    for (let i = 0; i < maxHops; i++) {
      if (until(url)) return { url, hops, ...(form ? { form } : {}) };
      const response = await this.request(url, form ? { method: "POST", body: form } : {});
      hops.push({ method: form ? "POST" : "GET", url, status: response.status });
      form = undefined;
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status <= 399 && location) {
        await response.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      if (response.status === 200 && response.headers.get("content-type")?.startsWith("text/html")) {
        const next = autoSubmittedForm(await response.clone().text(), url);
        if (next) {
          await response.body?.cancel();
          url = next.action;
          form = next.fields;
          continue;
        }
      }
      return { url, response, hops };
    }
    throw new Error(
      `more than ${maxHops} steps: ${hops.map((hop) => `${hop.method} ${hop.status} ${hop.url}`).join(" -> ")}`,
    );
  }
}
