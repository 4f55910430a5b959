/** Site files (so site ids) of `bench:check --hostile` portals start with this, then their kind. */
export const HOSTILE_PREFIX = 'hostile-';
