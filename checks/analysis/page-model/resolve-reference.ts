/**
 * A reference as the browser would follow it from `pageUrl` (a `<base href>` is ignored). What is
 * not a URL (hostile or broken markup) is kept as written, trimmed: it is evidence.
 */
export function resolveReference(ref: string, pageUrl: string): string {
  try {
    return new URL(ref.trim(), pageUrl).href;
  } catch {
    return ref.trim();
  }
}
