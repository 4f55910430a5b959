import { describe, expect, it } from 'vitest';
import { inMaintenance, maintenanceEnd } from '../../checks/incidents/maintenance.ts';
import { SiteFileSchema, type Site } from '../../checks/schemas/site.ts';

const site = (maintenance: { start: string; end: string }[] = []): Site => ({
  ...SiteFileSchema.parse({
    name: 'Sở Mẫu',
    agency: 'UBND',
    group: 'province',
    url: 'https://so-mau.example.org/',
    maintenance,
  }),
  id: 'so-mau',
  file: 'sites/so-mau.yml',
});
const issue = (body: string, labels = ['maintenance', 'site:so-mau']) => ({
  number: 9,
  url: '',
  state: 'open' as const,
  stateReason: null,
  title: 'Bảo trì',
  body,
  labels,
  assignees: [],
});
const NOW = new Date('2026-11-25T03:00:00Z');

describe('maintenanceEnd', () => {
  it('reads the end from the issue form section, or an Ends/Kết thúc line; null when there is none', () => {
    expect(
      maintenanceEnd(
        '### Mã trang / Site id\n\nso-mau\n\n### Kết thúc / Ends\n\n2026-11-25T18:00:00+07:00\n',
      )?.toISOString(),
    ).toBe('2026-11-25T11:00:00.000Z');
    expect(maintenanceEnd('Ends: 2026-11-25T04:00Z')?.toISOString()).toBe('2026-11-25T04:00:00.000Z');
    expect(maintenanceEnd('### Kết thúc / Ends\n\n_No response_')).toBeNull();
    expect(maintenanceEnd('nâng cấp máy chủ')).toBeNull();
  });
});

describe('inMaintenance', () => {
  it('holds during a site-file window, and not outside it', () => {
    expect(inMaintenance(site([{ start: '2026-11-25T02:00:00Z', end: '2026-11-25T04:00:00Z' }]), [], NOW)).toBe(true);
    expect(inMaintenance(site([{ start: '2026-11-25T04:00:00Z', end: '2026-11-25T05:00:00Z' }]), [], NOW)).toBe(false);
  });

  it('holds for an open maintenance issue naming the site, until its end time', () => {
    expect(inMaintenance(site(), [issue('planned')], NOW)).toBe(true);
    expect(inMaintenance(site(), [issue('Ends: 2026-11-25T04:00:00Z')], NOW)).toBe(true);
    expect(inMaintenance(site(), [issue('Ends: 2026-11-25T02:59:00Z')], NOW)).toBe(false);
    expect(inMaintenance(site(), [issue('planned', ['maintenance', 'site:so-khac'])], NOW)).toBe(false);
  });
});
