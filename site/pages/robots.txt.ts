import type { APIRoute } from 'astro';

// Search engines may index the public site; the internal one must never be (noindex is on every page too).
export const GET: APIRoute = () =>
  new Response(
    import.meta.env.CANHGAC_VARIANT === 'internal' ? 'User-agent: *\nDisallow: /\n' : 'User-agent: *\nAllow: /\n',
  );
