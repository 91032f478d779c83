import { finding, type Finding } from "./findings";
import { UPLOAD_LIMITS, type UploadPart } from "./intake";

/**
 * Collects one upload from a form: the chosen files plus any pasted text. Sizes are checked on the File objects
 * before a single byte is read, so an oversized file is refused without being parsed.
 */
export async function uploadFromForm(
  form: FormData,
  field: string,
): Promise<{ parts: UploadPart[]; errors: Finding[] }> {
  const errors: Finding[] = [];
  const parts: UploadPart[] = [];
  for (const entry of form.getAll(`${field}File`)) {
    if (typeof entry === "string" || entry.size === 0) continue;
    if (entry.size > UPLOAD_LIMITS.maxPartBytes) {
      errors.push(
        finding(
          "FILE_TOO_LARGE",
          `"${entry.name}" is ${Math.ceil(entry.size / 1024)} KiB; a certificate file may be at most ${UPLOAD_LIMITS.maxPartBytes / 1024} KiB.`,
        ),
      );
      continue;
    }
    parts.push({ name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
  }
  const pasted = form.get(`${field}Text`);
  if (typeof pasted === "string" && pasted.trim().length > 0) {
    if (pasted.length > UPLOAD_LIMITS.maxPartBytes) {
      errors.push(
        finding(
          "FILE_TOO_LARGE",
          `The pasted text is longer than ${UPLOAD_LIMITS.maxPartBytes / 1024} KiB; paste certificates only.`,
        ),
      );
    } else parts.push({ name: "pasted text", bytes: new TextEncoder().encode(pasted) });
  }
  return { parts, errors };
}
