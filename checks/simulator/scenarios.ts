/**
 * What a simulated portal does wrong (or right). Each scenario is one host name label under the
 * simulator's zone, e.g. `tls-expired.sim.canhgac.test`, so tests, the benchmark and the demo can
 * point a probe at a known failure without mocking anything.
 */
export const SCENARIOS = [
  'healthy',
  'slow',
  'server-error',
  'connection-refused',
  'timeout',
  'redirect-foreign',
  'redirect-loop',
  'tls-valid',
  'tls-expired',
  'tls-self-signed',
  'tls-wrong-host',
  'gzip-bomb',
  'huge-body',
  'slow-headers',
  'windows-1258',
  'flaky',
  'defaced',
  'spam-injected',
  'cloaked',
  'script-redirect',
  'subpage-spam',
] as const;

export type Scenario = (typeof SCENARIOS)[number];

/** Scenarios served over HTTPS, each by its own server because each has its own certificate. */
export const TLS_SCENARIOS = ['tls-valid', 'tls-expired', 'tls-self-signed', 'tls-wrong-host'] as const;
export type TlsScenario = (typeof TLS_SCENARIOS)[number];

export function isScenario(value: string): value is Scenario {
  return (SCENARIOS as readonly string[]).includes(value);
}

export function isTlsScenario(value: string): value is TlsScenario {
  return (TLS_SCENARIOS as readonly string[]).includes(value);
}
