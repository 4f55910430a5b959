import { describe, expect, it } from 'vitest';
import { createByteBudget } from '../../checks/run/byte-budget.ts';

/** Settles pending promise callbacks. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createByteBudget', () => {
  it('lets charges through while they fit and holds the rest until an account closes', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    const c = budget.open();
    await a.charge(60);
    await b.charge(30);
    expect(budget.held()).toBe(90);
    let cGot = false;
    const cCharge = c.charge(20).then(() => {
      cGot = true;
    });
    await tick();
    expect(cGot).toBe(false); // 110 > 100, and c is not the oldest
    b.close();
    await cCharge;
    expect(budget.held()).toBe(80);
  });

  it('never makes the oldest account wait, so a run always progresses (no deadlock between partial holders)', async () => {
    const budget = createByteBudget(100);
    const a = budget.open();
    const b = budget.open();
    await a.charge(50);
    await b.charge(50);
    let bGot = false;
    const bMore = b.charge(10).then(() => {
      bGot = true;
    });
    await a.charge(40); // over the cap, but a is the oldest: it can finish and release
    expect(budget.held()).toBe(140);
    await tick();
    expect(bGot).toBe(false);
    a.close(); // b is now the oldest: its waiting charge goes through
    await bMore;
    expect(budget.held()).toBe(60);
  });

  it('serves waiting charges in order, and a closed account releases everything once', async () => {
    const budget = createByteBudget(10);
    const first = budget.open();
    await first.charge(10);
    const order: string[] = [];
    const x = budget.open();
    const y = budget.open();
    const waits = [x.charge(5).then(() => order.push('x')), y.charge(5).then(() => order.push('y'))];
    first.close();
    first.close();
    await Promise.all(waits);
    expect(order).toEqual(['x', 'y']);
    expect(budget.held()).toBe(10);
    x.close();
    y.close();
    expect(budget.held()).toBe(0);
  });

  it('refuses a budget that is not positive', () => {
    expect(() => createByteBudget(0)).toThrow('byte budget: maxBytes must be positive, got 0');
  });
});
