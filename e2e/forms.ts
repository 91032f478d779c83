/**
 * The hidden fields of a server-rendered form, as a browser without JavaScript would submit them: for a server
 * action they carry its id (`$ACTION_…`), so posting them with the visible fields is the form's real submission.
 * `marker` is any text inside the form, such as `name="newLeafText"`.
 */
export function hiddenFormFields(html: string, marker: string): [string, string][] {
  const inside = html.indexOf(marker);
  const start = html.lastIndexOf("<form", inside);
  const end = html.indexOf("</form>", inside);
  if (inside < 0 || start < 0 || end < 0) throw new Error(`no form around ${marker}`);
  const fields = [
    ...html.slice(start, end).matchAll(/<input type="hidden" name="([^"]*)"(?: value="([^"]*)")?\/>/g),
  ].map((match): [string, string] => [unescapeHtml(match[1]!), unescapeHtml(match[2] ?? "")]);
  if (!fields.some(([name]) => name.startsWith("$ACTION")))
    throw new Error(`the form around ${marker} carries no server action`);
  return fields;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export function formData(fields: [string, string][], more: Record<string, string | Blob> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  for (const [name, value] of Object.entries(more)) form.append(name, value);
  return form;
}
