/** Types of site/prune-output.mjs (plain JavaScript: the Astro config's integration imports it). */
export function pruneOutput(dir: string, keep: ReadonlySet<string>, since: number): Promise<string[]>;
