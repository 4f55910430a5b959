/** Element kinds whose external registrable domains the model records. */
export const DOMAIN_KINDS = ['script', 'iframe', 'stylesheet', 'img', 'a', 'form'] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];
/** External registrable domains per element kind: the model's and the baseline's `domains`. */
export type DomainsByKind = { readonly [K in DomainKind]: readonly string[] };

/** One value per element kind, made by `f`: the one place besides `DOMAIN_KINDS` that spells the kinds out. */
export function byDomainKind<T>(f: (kind: DomainKind) => T): Record<DomainKind, T> {
  return {
    script: f('script'),
    iframe: f('iframe'),
    stylesheet: f('stylesheet'),
    img: f('img'),
    a: f('a'),
    form: f('form'),
  };
}
