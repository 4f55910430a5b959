import { describe, expect, it } from 'vitest';
import { createByteBudget } from '../../checks/run/byte-budget.ts';

/** Settles pending promise callbacks. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

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

  it('lets reads overshoot up to twice the budget, then makes them wait', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    await a.charge(90);
    await b.charge(100); // 190 ≤ 200: a read in progress is not stopped by an overshoot
    let bGot = false;
    const bMore = b.charge(20).then(() => {
      bGot = true;
    });
    await tick();
    expect(bGot).toBe(false); // 210 > 200
    a.close();
    await bMore;
    expect(budget.held()).toBe(120);
  });

  it('never makes the oldest account wait, so a run always progresses (no deadlock between partial holders)', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    await a.charge(100);
    await b.charge(100);
    let bGot = false;
    const bMore = b.charge(10).then(() => {
      bGot = true;
    });
    await a.admit();
    await a.charge(40); // over the ceiling, but a is the oldest: it can finish and release
    expect(budget.held()).toBe(240);
    await tick();
    expect(bGot).toBe(false);
    a.close(); // b is now the oldest: its waiting charge goes through
    await bMore;
    expect(budget.held()).toBe(110);
  });

  it('takes back refunded bytes at once (a dropped body), never more than the account charged', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    await a.charge(100);
    let admitted = false;
    const waits = b.admit().then(() => {
      admitted = true;
    });
    a.refund(30);
    await waits;
    expect(admitted).toBe(true);
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
    let bAdmitted = false;
    const bWaits = b.admit().then(() => {
      bAdmitted = true;
    });
    await tick();
    expect(bAdmitted).toBe(false);
    // a, the oldest, asks for its next page while b's admission is queued: it must go on, or both wait forever.
    let aAdmitted = false;
    const aWaits = a.admit().then(() => {
      aAdmitted = true;
    });
    await tick();
    expect(aAdmitted).toBe(true);
    a.close();
    await Promise.all([aWaits, bWaits]);
    expect(bAdmitted).toBe(true);
  });
});
