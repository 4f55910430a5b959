import { startBenchPortals } from '/work/main/checks/simulator/bench-portals.ts';
import { writeFileSync } from 'node:fs';
const count = Number(process.argv[2]);
const t = performance.now();
const b = await startBenchPortals({ count, latencyMs: [50, 500], pageBytes: [30000, 60000], seed: 1 });
writeFileSync('/tmp/bench-urls.txt', b.urls.map((u) => `url = "${u}"\noutput = "/dev/null"\n`).join(''));
writeFileSync('/tmp/bench-dns.txt', String(b.dnsServer.port));
import('node:dgram');console.log('ready', count, Math.round(performance.now() - t), 'ms', 'rss', Math.round(process.memoryUsage().rss / 1e6));
setTimeout(async () => { console.log('requests', b.requestCount()); await b.close(); }, Number(process.argv[3] ?? 60000));
