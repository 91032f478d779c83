/** Why the client secret could not be sealed or opened; stable codes, messages for whoever runs the app. */
export type SecretBoxErrorCode = "KEY_REQUIRED" | "KEY_INVALID" | "WRONG_KEY" | "TAMPERED" | "UNKNOWN_FORMAT";

export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}
