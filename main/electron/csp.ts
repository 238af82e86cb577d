/**
 * The Content-Security-Policy sent with every app:// response. Everything comes from the app's
 * own origin; Monaco's workers may also start from blob: URLs; inline styles are allowed because
 * Monaco and React set style attributes. No eval, no remote host, no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
