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
 * every check ends.
 *
 * No crawl either. A read stopped half-way holds what it has read, and releases nothing until it
 * goes on: at 10,000 sites among 1,000 hostile ones, 37 bombs each stopped at 2.7 MB held the budget
 * past its ceiling, so only the oldest site could move, one at a time, at the portals' latency,
 * with the CPU idle. So a stopped read goes before anything new: no request is admitted while a
 * read waits, and the oldest account with a waiting read is let through as the oldest is (its body
 * ends at `max_body_bytes`, or fails and gives everything back). Waiters are served oldest account
 * first. The bytes held stay under 2 × `maxBytes` plus what two sites read.
 *
 * Nor a crawl of sites already in flight: a site's pages count until its check ends, and it ends
 * only after its next requests (variants, internal pages, the sitemap), so a site admitted once is
 * let in again up to the ceiling, stopped reads or not; only sites not yet started wait for the
 * budget. Held back with the new ones, 2,000 healthy sites' first look under a 32 MiB budget went
 * at 4.5 sites a second; let in, it takes 57 s (53 s under 48 MiB, as before).
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
  /** Opening order: the lower, the older. */
  readonly seq: number;
  charged: number;
  closed: boolean;
  /** Admitted once already: the site is in flight, and its next requests are how it finishes. */
  admitted: boolean;
}

interface Waiter {
  readonly account: Account;
  /** 0 for an admission. */
  readonly bytes: number;
  readonly limit: number;
  /** An admission of a site's first request (a site not yet in flight). */
  readonly fresh: boolean;
  readonly resolve: () => void;
}

export function createByteBudget(maxBytes: number): ByteBudget {
  if (!(maxBytes > 0)) throw new RangeError(`byte budget: maxBytes must be positive, got ${maxBytes}`);
  let held = 0;
  let peak = 0;
  let opened = 0;
  /** Open accounts in opening order: the first is the oldest. */
  const open = new Set<Account>();
  /** Waiting charges and admissions, oldest account first (charges before admissions within one). */
  const waiting: Waiter[] = [];

  const oldest = (): Account | undefined => open.values().next().value;
  /**
   * The one account besides the oldest whose reads go on past the ceiling, until it closes: the first
   * read that had to stop, then the oldest of those waiting (see the top of this file).
   */
  let reader: Account | null = null;
  const hardLimit = 2 * maxBytes;
  const fits = (account: Account, bytes: number, limit: number, fresh = false) =>
    account === oldest() ||
    account === reader ||
    (bytes > 0 ? held + bytes <= limit : fresh ? held < limit && !waiting.some((w) => w.bytes > 0) : held < limit);

  const grant = (account: Account, bytes: number) => {
    held += bytes;
    peak = Math.max(peak, held);
    account.charged += bytes;
  };

  const enqueue = (waiter: Waiter) => {
    const before = (w: Waiter) =>
      w.account.seq > waiter.account.seq || (w.account.seq === waiter.account.seq && w.bytes === 0 && waiter.bytes > 0);
    const at = waiting.findIndex(before);
    waiting.splice(at === -1 ? waiting.length : at, 0, waiter);
  };

  /** Lets through, oldest account first, every waiter that now fits. */
  const wake = () => {
    for (let i = 0; i < waiting.length; ) {
      const w = waiting[i]!;
      if (reader === null && w.bytes > 0 && !w.account.closed) reader = w.account;
      if (w.account.closed || fits(w.account, w.bytes, w.limit, w.fresh)) {
        waiting.splice(i, 1);
        if (!w.account.closed) grant(w.account, w.bytes);
        w.resolve();
        i = 0; // the oldest and the oldest reader may have changed; start over
      } else i += 1;
    }
  };

  return {
    open() {
      const account: Account = { seq: opened++, charged: 0, closed: false, admitted: false };
      open.add(account);
      return {
        async admit() {
          if (account.closed) return;
          // A site in flight is let in up to the ceiling (see the top of this file); a new one only under the budget.
          const fresh = !account.admitted;
          account.admitted = true;
          const limit = fresh ? maxBytes : hardLimit;
          // Admissions go in age order, so the oldest never waits, not even behind queued ones: when
          // every other site in flight is waiting too, nobody else would ever wake it (a run hung so).
          if (
            fits(account, 0, limit, fresh) &&
            !waiting.some((w) => w.bytes === 0 && w.account.seq < account.seq && (fresh || !w.fresh))
          )
            return;
          await new Promise<void>((resolve) => enqueue({ account, bytes: 0, limit, fresh, resolve }));
        },
        async charge(bytes) {
          if (account.closed || bytes <= 0) return;
          if (fits(account, bytes, hardLimit)) return grant(account, bytes);
          // Past the ceiling: waits, unless the place past it is free (wake gives it to this read).
          await new Promise<void>((resolve) => {
            enqueue({ account, bytes, limit: hardLimit, fresh: false, resolve });
            wake();
          });
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
          if (reader === account) reader = null;
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
