/**
 * A cap on page bytes held across the pool at once (`probe.max_bytes_in_flight`): without it, what a
 * run holds grows with its input (concurrency × pages a site × `max_body_bytes`: 256 sites × 5 pages ×
 * 5 MiB is 6.4 GB when hostile servers fill every body), not with its configuration.
 *
 * Each site check opens an account; before a request starts it is admitted (`admit()` waits while
 * the budget is spent, so the wait is never inside a probe's timing), reading its body charges the
 * account chunk by chunk as the bytes arrive (decompressed), and the account is closed, releasing
 * everything it charged, when the site's check ends and its pages are dropped. A charge waits only
 * past twice the budget (bodies admitted together can overshoot it): that is the hard ceiling.
 *
 * No deadlock: the oldest open account is never made to wait (it can always finish and release), so
 * the bytes held stay under 2 × `maxBytes` plus what one site reads, and every check ends.
 */
export interface ByteBudget {
  /** An account for one site check; `close()` it when the check's pages are no longer held. */
  open(): ByteAccount;
  /** Bytes charged and not yet released, all accounts together. */
  held(): number;
  /** The most `held()` has been: what the run needed, for sizing `max_bytes_in_flight`. */
  peak(): number;
}

export interface ByteAccount {
  /** Waits until the budget is not spent (or this is the oldest account): call before a request starts. */
  admit(): Promise<void>;
  /** Counts `bytes`; waits only if they would take the run past twice the budget (and this is not the oldest account). */
  charge(bytes: number): Promise<void>;
  /** Gives back bytes this account no longer holds (a body dropped as too large, a page already modelled). */
  refund(bytes: number): void;
  /** Releases everything this account charged; its waiting charges go through. Idempotent. */
  close(): void;
}

interface Account {
  charged: number;
  closed: boolean;
}

interface Waiter {
  readonly account: Account;
  /** 0 for an admission. */
  readonly bytes: number;
  readonly limit: number;
  readonly resolve: () => void;
}

export function createByteBudget(maxBytes: number): ByteBudget {
  if (!(maxBytes > 0)) throw new RangeError(`byte budget: maxBytes must be positive, got ${maxBytes}`);
  let held = 0;
  let peak = 0;
  /** Open accounts in opening order: the first is the oldest. */
  const open = new Set<Account>();
  const waiting: Waiter[] = [];

  const oldest = (): Account | undefined => open.values().next().value;
  const hardLimit = 2 * maxBytes;
  const fits = (account: Account, bytes: number, limit: number) =>
    (bytes === 0 ? held < limit : held + bytes <= limit) || account === oldest();

  const grant = (account: Account, bytes: number) => {
    held += bytes;
    peak = Math.max(peak, held);
    account.charged += bytes;
  };

  /** Lets through, in order, every waiter that now fits (a charge need not queue behind an admission). */
  const wake = () => {
    for (let i = 0; i < waiting.length; ) {
      const w = waiting[i]!;
      if (w.account.closed || fits(w.account, w.bytes, w.limit)) {
        waiting.splice(i, 1);
        if (!w.account.closed) grant(w.account, w.bytes);
        w.resolve();
        i = 0; // the oldest may have changed; start over
      } else i += 1;
    }
  };

  return {
    open() {
      const account: Account = { charged: 0, closed: false };
      open.add(account);
      return {
        async admit() {
          if (account.closed) return;
          // The oldest never waits, not even behind queued admissions: when every other site in
          // flight is waiting too, nobody else would ever wake it (a run hung so, among hostile servers).
          if (account === oldest()) return;
          if (fits(account, 0, maxBytes) && !waiting.some((w) => w.bytes === 0)) return;
          await new Promise<void>((resolve) => waiting.push({ account, bytes: 0, limit: maxBytes, resolve }));
        },
        async charge(bytes) {
          if (account.closed || bytes <= 0) return;
          if (account === oldest() || fits(account, bytes, hardLimit)) return grant(account, bytes);
          await new Promise<void>((resolve) => waiting.push({ account, bytes, limit: hardLimit, resolve }));
        },
        refund(bytes) {
          const back = Math.min(Math.max(0, bytes), account.charged);
          if (account.closed || back === 0) return;
          account.charged -= back;
          held -= back;
          wake();
        },
        close() {
          if (account.closed) return;
          account.closed = true;
          open.delete(account);
          held -= account.charged;
          account.charged = 0;
          wake();
        },
      };
    },
    held: () => held,
    peak: () => peak,
  };
}
