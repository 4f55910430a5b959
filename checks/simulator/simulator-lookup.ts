import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `net.connect` (and undici's `connect` options) that asks the simulator's DNS
 * server instead of the system resolver, IPv4 only. For tests and benchmarks that need a plain
 * HTTP client to reach simulated portals by name.
 */
export function simulatorLookup(dnsServer: {
  host: string;
  port: number;
}): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  const resolver = new dns.Resolver({ timeout: 500, tries: 4 });
  resolver.setServers([`${dnsServer.host}:${dnsServer.port}`]);
  return (hostname, options, callback) => {
    resolver.resolve4(hostname).then(
      (addresses) => {
        if (options.all)
          callback(
            null,
            addresses.map((address) => ({ address, family: 4 })),
          );
        else callback(null, addresses[0] ?? '', 4);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
