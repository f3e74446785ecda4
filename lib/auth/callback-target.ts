export const DEFAULT_CALLBACK_PATH = "/automation";

// Targets are resolved the way a browser resolves them (backslashes as slashes, tabs and new lines
// dropped), against an origin no real target can name; whatever lands elsewhere is another site.
const PROBE_ORIGIN = "https://callback.invalid";

/**
 * The same-origin path to go to after sign-in: the resolved, normalised target when it stays on
 * this origin, the default page otherwise.
 */
export function callbackPathFor(callbackUrl: string | undefined): string {
  if (!callbackUrl) return DEFAULT_CALLBACK_PATH;
  let resolved: URL;
  try {
    resolved = new URL(callbackUrl, PROBE_ORIGIN);
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  if (resolved.origin !== PROBE_ORIGIN) return DEFAULT_CALLBACK_PATH;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // "/.//evil.example" normalises to "//evil.example", which a browser reads as another host.
  return path.startsWith("//") ? DEFAULT_CALLBACK_PATH : path;
}
