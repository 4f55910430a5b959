import { getCollection } from 'astro:content';
import type { InternalIncident, PublicIncident } from '../../checks/schemas/incident.ts';

/**
 * Internal and public incident records grouped by site, read once per build: every site page of
 * the internal build asks for its own, and scanning every record per page would grow as sites × incidents.
 */
export interface SiteIncidentRecords {
  readonly internal: readonly InternalIncident[];
  readonly published: readonly PublicIncident[];
}

let cached: Promise<ReadonlyMap<string, SiteIncidentRecords>> | null = null;
export async function incidentsOfSite(siteId: string): Promise<SiteIncidentRecords> {
  cached ??= (async () => {
    const [internal, published] = await Promise.all([getCollection('internalIncidents'), getCollection('incidents')]);
    const bySite = new Map<string, { internal: InternalIncident[]; published: PublicIncident[] }>();
    const slot = (id: string) => bySite.get(id) ?? bySite.set(id, { internal: [], published: [] }).get(id)!;
    for (const entry of internal) slot(entry.data.siteId).internal.push(entry.data);
    for (const entry of published) slot(entry.data.siteId).published.push(entry.data);
    return bySite;
  })();
  return (await cached).get(siteId) ?? { internal: [], published: [] };
}
