import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { auth } from "./config";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
}

/** The signed-in person, looked up once per request (the layout and the page both ask). */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
});

/** For server actions and route handlers: fail closed when nobody is signed in. */
export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) throw new AppError("NOT_SIGNED_IN", "Your session has ended. Sign in again to continue.");
  return user;
}

/** For pages: send people who are not signed in to the sign-in page and back here afterwards. */
export async function requireUserOrRedirect(returnTo: string): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
