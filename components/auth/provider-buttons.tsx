import { signInWithProviderAction } from "@/lib/auth/actions";
import { buttonClass } from "@/components/ui/field";

/** One "Sign in with <provider>" button per configured company provider (plain forms: no JavaScript needed). */
export function ProviderButtons({
  providers,
  callbackUrl,
}: {
  providers: { id: string; name: string }[];
  callbackUrl?: string;
}) {
  return (
    <div className="flex flex-wrap gap-3">
      {providers.map((provider) => (
        <form key={provider.id} action={signInWithProviderAction}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
          <button type="submit" className={buttonClass}>
            Sign in with {provider.name}
          </button>
        </form>
      ))}
    </div>
  );
}
