import { expect, test } from 'vitest';
import { groupPages, groupPath, pageParam } from '../../site/lib/group-pages.ts';
import type { SiteRow } from '../../site/lib/status-model.ts';

/** Only what paging reads; the rest of a row does not matter here. */
const row = (id: string, agency: string) => ({ id, agency }) as SiteRow;

test('pages hold at most the page size, agency by agency in Vietnamese order, the order of names kept within', () => {
  const sites = [
    row('a1', 'UBND Đà Nẵng'),
    row('b1', 'UBND An Giang'),
    row('a2', 'UBND Đà Nẵng'),
    row('c1', 'Bộ Y tế'),
  ];
  const pages = groupPages({ sites }, 3);
  expect(pages.map((p) => [p.page, p.pages, p.sites.map((s) => s.id)])).toEqual([
    [1, 2, ['c1', 'b1', 'a1']],
    [2, 2, ['a2']],
  ]);
  expect(groupPages({ sites: [] }, 3)).toEqual([{ page: 1, pages: 1, sites: [] }]);
});

test('paths and route parameters: the first page has none', () => {
  expect([groupPath('province'), groupPath('province', 2)]).toEqual(['/nhom/province/', '/nhom/province/2/']);
  expect([pageParam(1), pageParam(2)]).toEqual([undefined, '2']);
});
