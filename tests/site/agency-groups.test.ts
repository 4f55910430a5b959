import { expect, test } from 'vitest';
import { byAgency } from '../../site/lib/agency-groups.ts';

test('agencies in Vietnamese order (Đ after D), sites keep their order within an agency', () => {
  const sites = [
    { id: '1', agency: 'Đà Nẵng' },
    { id: '2', agency: 'Bắc Ninh' },
    { id: '3', agency: 'Dương' },
    { id: '4', agency: 'Đà Nẵng' },
    { id: '5', agency: 'An Giang' },
  ];
  expect(byAgency(sites).map((g) => `${g.agency}: ${g.sites.map((s) => s.id).join(',')}`)).toEqual([
    'An Giang: 5',
    'Bắc Ninh: 2',
    'Dương: 3',
    'Đà Nẵng: 1,4',
  ]);
});

test('no sites, no agencies', () => {
  expect(byAgency([])).toEqual([]);
});
