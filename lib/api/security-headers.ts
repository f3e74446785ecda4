/**
 * Headers every response carries. Scripts run only with the request's nonce (Next.js puts it on
 * its own scripts when it finds it in the request's Content-Security-Policy); 'strict-dynamic'
 * lets those scripts load the app's chunks. Styles come from the app's own stylesheets or carry
 * the nonce; no inline style is allowed. Styles set from script through the CSSOM (React's
 * `style={…}` once in the browser, the charts' sizing, Next.js's route announcer) are not inline
 * styles for the policy, so nothing the server renders may carry a `style` attribute.
 */
export function contentSecurityPolicy({ nonce, https, development }: { nonce: string; https: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/** The headers besides the Content-Security-Policy; HSTS only when the public origin is https. */
export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "x-frame-options": "DENY",
    ...(https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

export function servesHttps(appOrigin: string | undefined): boolean {
  return appOrigin?.startsWith("https:") ?? false;
}

/** Whether every percent sign of a path starts a valid escape and the escapes decode as UTF-8. */
export function isWellFormedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
