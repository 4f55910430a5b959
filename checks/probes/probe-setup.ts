import { Resolver } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import type { ProbeSettings } from '../schemas/config.ts';

/**
 * The resolver probes look names up with: c-ares asking the configured DNS servers (or the
 * machine's) directly, so the DNS timing is real and CNAMEs are visible; two tries within the
 * configured DNS timeout.
 */
export function makeResolver(settings: Pick<ProbeSettings, 'dns_servers' | 'dns_timeout_ms'>): Resolver {
  const resolver = new Resolver({ timeout: Math.max(500, Math.floor(settings.dns_timeout_ms / 2)), tries: 2 });
  if (settings.dns_servers.length > 0) resolver.setServers([...settings.dns_servers]);
  return resolver;
}

/** Node's trusted roots, plus `probe.ca_file` (relative to the registry's directory) when set. */
export async function trustedRoots(
  settings: Pick<ProbeSettings, 'ca_file'>,
  registryDir: string,
): Promise<readonly string[]> {
  if (!settings.ca_file) return rootCertificates;
  return [...rootCertificates, await readFile(path.resolve(registryDir, settings.ca_file), 'utf8')];
}
