import { readFileSync } from 'node:fs';
import { BaselineLostSchema, type Defacement, type Signal, SignalSchema } from '../schemas/defacement.ts';
import { StatusFileSchema, type StatusFile } from '../schemas/status.ts';
import { dataPaths } from './data-paths.ts';
import { moveAside } from './move-aside.ts';
import type { WriteNotice } from './write-results.ts';
import { describeIssues } from '../schemas/describe-issues.ts';

export interface LastStatus {
  /** The status the last run wrote; null when there is none, or when it did not parse. */
  readonly status: StatusFile | null;
  /**
   * What the next run remembers of the site's defacement: the status's own, or, from a file that did
   * not parse, what could still be read out of it (flagged internal pages, a lost baseline).
   */
  readonly defacement: Defacement | null;
  /** Set when the file did not parse: it was moved aside, and this names both files and what was kept. */
  readonly notice: WriteNotice | null;
}

/**
 * The status the last run wrote for a site. A file that does not parse (or names another site) is not
 * taken as absent: it carries the internal pages flagged as doorways, which an absent status would
 * forget. It is moved aside (`<file>.corrupt-<stamp>`, never overwritten) with a notice naming both
 * files, and the findings that still validate are read out of it.
 * Read synchronously, like baselines (defacement/baseline-store.ts): a few KB, once per site and run.
 */
export async function readLastStatus(dataDir: string, id: string, stamp: string): Promise<LastStatus> {
  const file = dataPaths(dataDir).status(id);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: null, defacement: null, notice: null };
    throw error;
  }
  let json: unknown;
  let problem: string;
  try {
    json = JSON.parse(text);
    const parsed = StatusFileSchema.safeParse(json);
    if (parsed.success && parsed.data.id === id)
      return { status: parsed.data, defacement: parsed.data.defacement, notice: null };
    problem = parsed.success ? `its id is "${parsed.data.id}", not "${id}"` : describeIssues(parsed.error.issues);
  } catch (error) {
    problem = (error as Error).message;
  }
  const aside = await moveAside(file, stamp);
  const defacement = recoverDefacement(json, id);
  const flagged = defacement?.signals.length ?? 0;
  const kept = [
    ...(flagged > 0 ? [`${flagged} flagged internal page${flagged === 1 ? '' : 's'}`] : []),
    ...(defacement?.baselineLost ? [`the lost baseline of ${defacement.baselineLost.at}`] : []),
  ];
  return {
    status: null,
    defacement,
    notice: {
      file,
      message: `status did not parse (${problem}); moved to ${aside}, ${
        kept.length > 0 ? `kept from it: ${kept.join(' and ')}` : 'nothing in it could be kept'
      }`,
    },
  };
}

/**
 * From a status that did not parse as a whole, the parts a run must not forget: the internal pages it
 * flagged (each signal that validates on its own) and a lost baseline. Nothing from a file naming
 * another site: its pages are not this site's.
 */
function recoverDefacement(json: unknown, id: string): Defacement | null {
  if (typeof json !== 'object' || json === null || (json as { id?: unknown }).id !== id) return null;
  const raw = (json as { defacement?: unknown }).defacement;
  if (typeof raw !== 'object' || raw === null) return null;
  const { signals, baselineLost } = raw as { signals?: unknown; baselineLost?: unknown };
  const flagged = (Array.isArray(signals) ? signals : []).flatMap((candidate): Signal[] => {
    const parsed = SignalSchema.safeParse(candidate);
    return parsed.success && parsed.data.kind === 'subpage-spam' && parsed.data.url !== undefined ? [parsed.data] : [];
  });
  const lost = BaselineLostSchema.safeParse(baselineLost);
  if (flagged.length === 0 && !lost.success) return null;
  // No verdict and no baseline: nothing else in the file is trusted.
  return {
    verdict: 'unknown',
    score: 0,
    signals: flagged,
    baseline: null,
    ...(lost.success ? { baselineLost: lost.data } : {}),
  };
}
