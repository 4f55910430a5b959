/**
 * Third parties a portal adds in ordinary maintenance (fonts, analytics, CDNs, video and map
 * embeds, social plugins). A new one still shows as a signal, at a low weight: defacers use these
 * CDNs too, but a new unknown domain is what spam injection looks like.
 */
const COMMON = new Set([
  'googleapis.com',
  'gstatic.com',
  'google.com',
  'googletagmanager.com',
  'google-analytics.com',
  'doubleclick.net',
  'googlesyndication.com',
  'recaptcha.net',
  'youtube.com',
  'youtube-nocookie.com',
  'ytimg.com',
  'facebook.net',
  'facebook.com',
  'fbcdn.net',
  'twitter.com',
  'x.com',
  'twimg.com',
  'linkedin.com',
  'jsdelivr.net',
  'cloudflare.com',
  'cloudflareinsights.com',
  'jquery.com',
  'bootstrapcdn.com',
  'unpkg.com',
  'fontawesome.com',
  'typekit.net',
  'microsoft.com',
  'bing.com',
  'clarity.ms',
  'hotjar.com',
  'newrelic.com',
  'nr-data.net',
  'addthis.com',
  'sharethis.com',
  'zalo.me',
  'zaloapp.com',
  'zadn.vn',
  'vimeo.com',
  'maps.google.com',
  'openstreetmap.org',
  'cloudfront.net',
  'akamaihd.net',
  'azureedge.net',
]);

/** Is this registrable domain a mainstream third party? Government domains count when the site is one too. */
export function isCommonThirdParty(domain: string, siteDomain: string): boolean {
  if (COMMON.has(domain)) return true;
  // Private public suffixes make "fonts.googleapis.com" a registrable domain of its own.
  const dot = domain.indexOf('.');
  if (dot > 0 && COMMON.has(domain.slice(dot + 1))) return true;
  const govSuffix = /\.(gov\.vn|gov|gov\.[a-z]{2}|edu\.vn)$/.exec(siteDomain)?.[1];
  return govSuffix !== undefined && domain.endsWith(`.${govSuffix}`);
}
