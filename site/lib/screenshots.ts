import type { Signal } from '../../checks/schemas/defacement.ts';

/**
 * Which screenshots the internal page of a site shows, and where they are in the internal build
 * (the integration copies `DIR/baselines/*.webp` to `/anh/baselines/` and `DIR/evidence/**` to
 * `/anh/evidence/`). The visual tier writes three files when a screenshot differs from the
 * baseline's, `evidence/<id>/{baseline,screenshot,diff}-<UTC stamp>.webp`
 * (checks/visual/evidence.ts), and lists them in the `visual-change` signal's evidence. Pure:
 * `images` is the set of image paths that exist, relative to the data dir.
 */

export interface Screenshots {
  /** The baseline screenshot the comparison used, else the site's current baseline screenshot. */
  readonly baseline: string | null;
  readonly current: string | null;
  readonly diff: string | null;
  /** The stamp of the evidence (`2026-05-12T03-00-00Z` → ISO), when there is evidence. */
  readonly capturedAt: string | null;
}

const EVIDENCE =
  /^evidence\/([a-z0-9-]+)\/(baseline|screenshot|diff)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.webp$/;

export function screenshots(siteId: string, signals: readonly Signal[], images: ReadonlySet<string>): Screenshots {
  const found: Partial<Record<'baseline' | 'screenshot' | 'diff', string>> = {};
  let capturedAt: string | null = null;
  for (const signal of signals) {
    if (signal.kind !== 'visual-change') continue;
    for (const path of signal.evidence) {
      const match = EVIDENCE.exec(path);
      // Only this site's files, named as the visual tier names them, that were copied: nothing else becomes a URL.
      if (!match || match[1] !== siteId || !images.has(path)) continue;
      found[match[2] as 'baseline' | 'screenshot' | 'diff'] = `/anh/${path}`;
      capturedAt = `${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`;
    }
  }
  const current = `baselines/${siteId}.webp`;
  return {
    baseline: found.baseline ?? (images.has(current) ? `/anh/${current}` : null),
    current: found.screenshot ?? null,
    diff: found.diff ?? null,
    capturedAt,
  };
}
