import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { simulatorLookup } from '/work/main/checks/simulator/simulator-lookup.ts';
const urls = readFileSync('/tmp/bench-urls.txt', 'utf8').split('\n').filter((l) => l.startsWith('url')).map((l) => l.slice(7, -1));
const port = Number(readFileSync('/tmp/bench-dns.txt', 'utf8'));
const useDns = process.argv[2] === 'dns';
const agent = new Agent({ connections: 1, connect: useDns ? { lookup: simulatorLookup({ host: '127.0.0.1', port }) } : { lookup: (_h: string, o: any, cb: any) => o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4) } });
const t = performance.now();
let ok = 0, bytes = 0; const errors: Record<string, number> = {};
await Promise.all(urls.map(async (u) => {
  try { const r = await request(u, { dispatcher: agent, headers: { 'accept-encoding': 'gzip' } }); const b = await r.body.arrayBuffer(); bytes += b.byteLength; if (r.statusCode === 200) ok++; }
  catch (e: any) { errors[e.code] = (errors[e.code] ?? 0) + 1; }
}));
const s = (performance.now() - t) / 1000;
console.log(`${urls.length} requests (${useDns ? 'via sim DNS' : 'fixed lookup'}): ok ${ok} in ${s.toFixed(2)} s = ${(urls.length / s).toFixed(0)} req/s, ${(bytes / 1e6).toFixed(1)} MB gz`, errors);
await agent.close();
