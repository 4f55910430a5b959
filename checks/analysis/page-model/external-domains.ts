import { domainOfHost, hostOf } from '../registrable-domain.ts';
import { byDomainKind, type DomainKind, type DomainsByKind } from './domain-kinds.ts';

const MAX_DOMAINS_PER_KIND = 64;

/** The registrable domains, other than the page's own, that the page's scripts, frames, styles, images, links and forms point to. */
export class ExternalDomains {
  readonly #pageDomain: string;
  // A portal page names the same few hosts hundreds of times: the public-suffix lookup runs once per host.
  readonly #domainOfHost = new Map<string, string>();
  readonly #byKind = byDomainKind(() => new Set<string>());

  constructor(pageDomain: string) {
    this.#pageDomain = pageDomain;
  }

  /** Notes the external domain of a reference under `kind` and returns it; null when it is same-site or relative. */
  note(kind: DomainKind, ref: string | undefined): string | null {
    return this.noteHost(kind, ref === undefined ? null : hostOf(ref));
  }

  /** `note` for a host already taken from its reference (links and frames read the host again). */
  noteHost(kind: DomainKind, host: string | null): string | null {
    if (host === null) return null;
    const domain = domainOfHost(host, this.#domainOfHost);
    if (domain === this.#pageDomain) return null;
    const seen = this.#byKind[kind];
    if (seen.size < MAX_DOMAINS_PER_KIND) seen.add(domain);
    return domain;
  }

  sorted(): DomainsByKind {
    return byDomainKind((kind) => [...this.#byKind[kind]].sort());
  }
}
