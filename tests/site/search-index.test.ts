import { describe, expect, test } from 'vitest';
import { buildSearchIndex, prepareIndex, searchSites } from '../../site/lib/search-index.ts';
import type { SiteState } from '../../site/lib/status-model.ts';

const groups = [
  { key: 'ministry', name: 'Bộ, cơ quan ngang bộ', nameEn: 'Ministries' },
  { key: 'province', name: 'Tỉnh, thành phố', nameEn: 'Provinces' },
];
const site = (id: string, name: string, group: string, state: SiteState = 'operational', nameEn = name) => ({
  id,
  name,
  nameEn,
  group,
  state,
});
const index = buildSearchIndex({
  groups,
  sites: [
    site('bo-tc', 'Bộ Tài chính', 'ministry', 'operational', 'Ministry of Finance'),
    site('dn-yte', 'Sở Y tế Đà Nẵng', 'province'),
    site('da-nang', 'Đà Nẵng', 'province', 'down'),
    site('dak-lak', 'Đắk Lắk', 'province'),
    site('x', 'Không nhóm', 'nowhere'),
  ],
});

describe('buildSearchIndex', () => {
  test('compact rows: English name only when it differs, group and state as numbers; unknown groups left out', () => {
    expect(index).toEqual({
      groups: [
        ['ministry', 'Bộ, cơ quan ngang bộ', 'Ministries'],
        ['province', 'Tỉnh, thành phố', 'Provinces'],
      ],
      sites: [
        ['bo-tc', 'Bộ Tài chính', 'Ministry of Finance', 0, 0],
        ['dn-yte', 'Sở Y tế Đà Nẵng', '', 1, 0],
        ['da-nang', 'Đà Nẵng', '', 1, 2],
        ['dak-lak', 'Đắk Lắk', '', 1, 0],
      ],
    });
  });
});

describe('searchSites', () => {
  const prepared = prepareIndex(index);
  const ids = (query: string, limit = 50) => searchSites(prepared, query, limit).hits.map((h) => h.id);

  test.each([
    ['da nang', ['da-nang', 'dn-yte']], // diacritics ignored; names that start with it first
    ['ĐÀ NẴNG', ['da-nang', 'dn-yte']],
    ['nang y te', ['dn-yte']], // every word, in any order
    ['dak', ['dak-lak']], // đ is d
    ['finance', ['bo-tc']], // the English name
    ['bo-tc', ['bo-tc']], // the id
    ['hà nội', []],
    ['   ', []],
  ])('"%s" → %o', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  test('counts every match and returns at most the limit, with group and state', () => {
    const result = searchSites(prepared, 'a', 2);
    expect(result.total).toBe(4);
    expect(result.hits).toHaveLength(2);
    expect(searchSites(prepared, 'da nang', 1).hits[0]).toEqual({
      id: 'da-nang',
      name: 'Đà Nẵng',
      nameEn: 'Đà Nẵng',
      group: ['province', 'Tỉnh, thành phố', 'Provinces'],
      state: 'down',
    });
  });
});
