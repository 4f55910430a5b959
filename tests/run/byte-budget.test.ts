import { describe, expect, it } from 'vitest';
import { createByteBudget } from '../../checks/run/byte-budget.ts';

/** Settles pending promise callbacks. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A call that may have to wait: `done()` tells whether it has gone through yet. */
function pending(call: Promise<void>): { readonly promise: Promise<void>; done(): boolean } {
  let through = false;
  const promise = call.then(() => {
    through = true;
  });
  return { promise, done: () => through };
}

describe('createByteBudget', () => {
  it('admits requests while the budget is not spent and holds the rest, in order, until an account closes', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    const c = budget.open();
    const d = budget.open();
    await a.charge(60);
    await b.admit();
    await b.charge(40);
    expect(budget.held()).toBe(100);
    const order: string[] = [];
    const waits = [c.admit().then(() => order.push('c')), d.admit().then(() => order.push('d'))];
    await tick();
    expect(order).toEqual([]); // spent, and neither is the oldest
    b.close();
    await Promise.all(waits);
    expect(order).toEqual(['c', 'd']);
    expect(budget.held()).toBe(60);
    expect(budget.peak()).toBe(100);
  });

  it('lets reads overshoot up to twice the budget; past it, one read at a time goes on and the others wait', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    const c = budget.open();
    await a.charge(90);
    await b.charge(100); // 190 ≤ 200: a read in progress is not stopped by an overshoot
    await b.charge(20); // 210 > 200: the first read to reach the ceiling goes on past it (until b closes)
    await b.charge(20);
    const cMore = pending(c.charge(20));
    await tick();
    expect(cMore.done()).toBe(false); // 250 > 200, and b has the one place past the ceiling
    expect(budget.held()).toBe(230);
    a.close();
    await cMore.promise;
    expect(budget.held()).toBe(160);
  });

  it('never makes the oldest account wait, so a run always progresses (no deadlock between partial holders)', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    const c = budget.open();
    await a.charge(100);
    await b.charge(100);
    await b.charge(10); // b reads on past the ceiling
    const cMore = pending(c.charge(10));
    await a.admit();
    await a.charge(40); // over the ceiling, but a is the oldest: it can finish and release
    expect(budget.held()).toBe(250);
    await tick();
    expect(cMore.done()).toBe(false);
    a.close(); // 110 + 10 fits now
    await cMore.promise;
    expect(budget.held()).toBe(120);
  });

  it('passes the place past the ceiling to the oldest stopped read when its holder closes (stopped reads drain, not crawl)', async () => {
    const budget = createByteBudget(100);
    const oldest = budget.open();
    const b = budget.open();
    const c = budget.open();
    const d = budget.open();
    await b.charge(150);
    await c.charge(60); // 210: c has the place past the ceiling
    const order: string[] = [];
    // d asks first, b second; b is older, so b goes first.
    const waits = [d.charge(50).then(() => order.push('d')), b.charge(50).then(() => order.push('b'))];
    await tick();
    expect(order).toEqual([]);
    c.close(); // 150: b, the oldest stopped read, gets the place and goes to 200; d's 50 still does not fit
    await Promise.all(waits.slice(1));
    expect(order[0]).toBe('b');
    expect(budget.held()).toBe(200);
    b.close(); // 0: d goes on
    await waits[0];
    expect(order).toEqual(['b', 'd']);
    expect(budget.held()).toBe(50);
    oldest.close();
  });

  it('admits nothing new while a read waits, even under the budget: stopped reads go first', async () => {
    const budget = createByteBudget(100);
    const oldest = budget.open();
    const b = budget.open();
    const c = budget.open();
    const d = budget.open();
    const e = budget.open();
    await b.charge(150);
    await c.charge(100); // 250: c has the place past the ceiling
    b.close(); // 100
    c.refund(60); // 40: under the budget
    const dRead = pending(d.charge(170)); // 210 > 200: waits for c's place
    const eAdmit = pending(e.admit());
    await tick();
    expect([dRead.done(), eAdmit.done()]).toEqual([false, false]); // 40 < 100, but d's read waits: e is not let in
    c.close(); // 0: d gets the place and reads on; 170 ≥ 100 keeps e out
    await dRead.promise;
    await tick();
    expect(eAdmit.done()).toBe(false);
    d.close();
    await eAdmit.promise;
    expect(budget.held()).toBe(0);
    oldest.close();
  });

  it('lets a site already in flight make its next request while a read waits, up to the ceiling; a new site waits', async () => {
    const budget = createByteBudget(100);
    const oldest = budget.open();
    const b = budget.open();
    const c = budget.open();
    const d = budget.open();
    const e = budget.open();
    await c.admit(); // c is in flight
    await c.charge(60);
    await b.admit();
    await b.charge(100); // 160
    await b.charge(50); // 210: b has the place past the ceiling
    b.refund(60); // 150
    const dRead = pending(d.charge(60)); // 210 > 200: waits
    const order: string[] = [];
    // c's next request: under the ceiling, and c gives its 60 back only when its check ends.
    const cNext = c.admit().then(() => order.push('c'));
    const eFirst = e.admit().then(() => order.push('e'));
    await tick();
    expect(order).toEqual(['c']); // e is new: nothing new while d's read waits
    expect(dRead.done()).toBe(false);
    await cNext;
    c.close(); // 90: d's read fits (150 ≤ 200)
    await dRead.promise;
    b.close(); // 60: under the budget, no read waiting
    await eFirst;
    expect(order).toEqual(['c', 'e']);
    // A site in flight still waits at the ceiling: e is admitted already, neither the oldest nor the reader.
    await d.charge(150); // 210: d reads on past the ceiling
    const eAdmit = pending(e.admit());
    await tick();
    expect(eAdmit.done()).toBe(false);
    d.close(); // 0
    await eAdmit.promise;
    expect(budget.held()).toBe(0);
    oldest.close();
  });

  it('serves waiting admissions oldest account first, whoever asked first', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    const c = budget.open();
    await a.charge(100);
    const order: string[] = [];
    const waits = [c.admit().then(() => order.push('c')), b.admit().then(() => order.push('b'))];
    await tick();
    a.close();
    await Promise.all(waits);
    expect(order).toEqual(['b', 'c']);
  });

  it('takes back refunded bytes at once (a dropped body), never more than the account charged', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    await a.charge(100);
    const waits = pending(b.admit());
    a.refund(30);
    await waits.promise;
    expect(waits.done()).toBe(true);
    expect(budget.held()).toBe(70);
    a.refund(500);
    expect(budget.held()).toBe(0);
  });

  it('releases an account once, however often it is closed', async () => {
    const budget = createByteBudget(10);
    const a = budget.open();
    await a.charge(7);
    a.close();
    a.close();
    expect(budget.held()).toBe(0);
  });

  it('refuses a budget that is not positive', () => {
    expect(() => createByteBudget(0)).toThrow('byte budget: maxBytes must be positive, got 0');
  });

  it('never makes the oldest account wait to be admitted, even behind queued admissions, so a run whose other sites all wait goes on', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    await a.charge(100); // spent
    const bWaits = pending(b.admit());
    await tick();
    expect(bWaits.done()).toBe(false);
    // a, the oldest, asks for its next page while b's admission is queued: it must go on, or both wait forever.
    const aWaits = pending(a.admit());
    await tick();
    expect(aWaits.done()).toBe(true);
    a.close();
    await Promise.all([aWaits, bWaits]);
    expect(bWaits.done()).toBe(true);
  });
});
