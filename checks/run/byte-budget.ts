/**
 * A cap on page bytes held across the pool at once (`probe.max_bytes_in_flight`): without it, what a
 * run holds grows with its input (concurrency × pages a site × `max_body_bytes`: 256 sites × 5 pages ×
 * 5 MiB is 6.4 GB when hostile servers fill every body), not with its configuration.
 *
 * Each site check opens an account; reading a body charges the account chunk by chunk as the bytes
 * arrive (decompressed), and the account is closed, releasing everything it charged, when the site's
 * check ends and its pages are dropped. A charge that does not fit waits, in order.
 *
 * No deadlock: the oldest open account is never made to wait (it can always finish and release), so
 * the bytes held stay under `maxBytes` plus what one site reads, and every check ends.
 */
export interface ByteBudget {
  /** An account for one site check; `close()` it when the check's pages are no longer held. */
  open(): ByteAccount;
  /** Bytes charged and not yet released, all accounts together. */
  held(): number;
}

export interface ByteAccount {
  /** Waits until `bytes` fit in the budget (or this is the oldest account), then counts them. */
  charge(bytes: number): Promise<void>;
  /** Releases everything this account charged; its waiting charges go through. Idempotent. */
  close(): void;
}

interface Account {
  charged: number;
  closed: boolean;
}

interface Waiter {
  readonly account: Account;
  readonly bytes: number;
  readonly resolve: () => void;
}

export function createByteBudget(maxBytes: number): ByteBudget {
  if (!(maxBytes > 0)) throw new RangeError(`byte budget: maxBytes must be positive, got ${maxBytes}`);
  let held = 0;
  /** Open accounts in opening order: the first is the oldest. */
  const open = new Set<Account>();
  const waiting: Waiter[] = [];

  const oldest = (): Account | undefined => open.values().next().value;
  const fits = (account: Account, bytes: number) => held + bytes <= maxBytes || account === oldest();

  const grant = (account: Account, bytes: number) => {
    held += bytes;
    account.charged += bytes;
  };

  /** Lets waiting charges through in order; one that still does not fit holds the ones behind it. */
  const wake = () => {
    while (waiting.length > 0) {
      const first = waiting[0]!;
      if (first.account.closed) {
        waiting.shift()!.resolve();
        continue;
      }
      if (!fits(first.account, first.bytes)) {
        // The oldest account jumps the queue: it is what guarantees progress.
        const index = waiting.findIndex((w) => w.account === oldest());
        if (index === -1) return;
        const [w] = waiting.splice(index, 1);
        grant(w!.account, w!.bytes);
        w!.resolve();
        continue;
      }
      waiting.shift();
      grant(first.account, first.bytes);
      first.resolve();
    }
  };

  return {
    open() {
      const account: Account = { charged: 0, closed: false };
      open.add(account);
      return {
        async charge(bytes) {
          if (account.closed || bytes <= 0) return;
          if (account === oldest() || (waiting.length === 0 && fits(account, bytes))) return grant(account, bytes);
          await new Promise<void>((resolve) => waiting.push({ account, bytes, resolve }));
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
  };
}
