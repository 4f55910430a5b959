import { describe, expect, it } from 'vitest';
import {
  duplicateComment,
  falsePositiveComment,
  findingsList,
  newFindingsComment,
  orphanComment,
  recoveredComment,
  relevelComment,
  reopenComment,
} from '../../checks/incidents/render-comments.ts';

// Hostile text from a defaced page: a mention, a link, a reference and a forged marker.
const hostile = {
  fingerprint: 'signal:hidden-links:https://nhacai88.bet/@admin',
  detail: 'see [x](https://evil.example) #1 <!-- canhgac:event -->',
};
const quoted =
  '- `signal:hidden-links:hxxps://nhacai88[.]bet/@admin`: `see [x](hxxps://evil[.]example) #1 <! -- canhgac:event -- >`';

describe('incident comments (exact texts, Vietnamese first)', () => {
  it('lists findings with page text quoted and defanged', () => {
    expect(findingsList([hostile, { fingerprint: 'reason:timeout', detail: 'timed out' }])).toBe(
      `${quoted}\n- \`reason:timeout\`: \`timed out\``,
    );
  });

  it('escalates with the findings not told before, and eases without any', () => {
    expect(
      relevelComment({
        from: { kind: 'suspected', level: 'suspected' },
        to: { kind: 'defaced', level: 'defaced' },
        severity: 'critical',
        rising: true,
        fresh: [hostile],
      }),
    ).toBe(
      `**Nâng mức / Escalated:** nghi bị thay đổi giao diện → bị thay đổi giao diện / suspected defacement → defaced (severity critical).\n\n${quoted}`,
    );
    expect(
      relevelComment({
        from: { kind: 'down', level: 'down' },
        to: { kind: 'degraded', level: 'degraded' },
        severity: 'minor',
        rising: false,
        fresh: [],
      }),
    ).toBe(
      '**Giảm mức / Eased:** không truy cập được → phản hồi chậm / unreachable → slow to respond (severity minor).',
    );
    expect(
      relevelComment({
        from: { kind: 'tls', level: 'expiring' },
        to: { kind: 'tls', level: 'invalid' },
        severity: 'major',
        rising: true,
        fresh: [],
      }),
    ).toBe(
      '**Nâng mức / Escalated:** chứng thư số sắp hết hạn → chứng thư số không hợp lệ / certificate expiring soon → certificate invalid (severity major).',
    );
  });

  it('tells new findings', () => {
    expect(newFindingsComment([hostile])).toBe(`**Dấu hiệu mới / New findings:**\n\n${quoted}`);
  });

  it('says how long the incident lasted when it recovers', () => {
    expect(recoveredComment(20 * 60_000)).toBe('**Đã khôi phục / Recovered** sau / after 20 phút / 20 min.');
    expect(recoveredComment(26 * 3_600_000 + 5 * 60_000)).toBe(
      '**Đã khôi phục / Recovered** sau / after 1 ngày 2 giờ 5 phút / 1 d 2 h 5 min.',
    );
  });

  it('lists the suppressed findings of a false positive, and says when the baseline is taken again', () => {
    const fingerprints = ['signal:defacer-signature:home', hostile.fingerprint];
    const said =
      '**Báo động nhầm / False positive.** Các dấu hiệu sau không còn được tính / these findings no longer count:\n\n- `signal:defacer-signature:home`\n- `signal:hidden-links:hxxps://nhacai88[.]bet/@admin`';
    expect(falsePositiveComment(fingerprints, false)).toBe(said);
    expect(falsePositiveComment(fingerprints, true)).toBe(
      `${said}\n\nLần kiểm tra tới sẽ lấy trang hiện tại làm mốc mới / the next check takes the current page as the new baseline.`,
    );
  });

  it('reopens with the failing checks since a responder closed it', () => {
    expect(reopenComment(3)).toBe(
      '**Mở lại / Reopened:** trang vẫn lỗi sau 3 lần kiểm tra kể từ khi đóng / still failing 3 checks after this was closed.',
    );
  });

  it('closes leftovers: duplicates point to the issue that stays, orphans say recovered', () => {
    expect(duplicateComment(12)).toBe('Trùng với #12 / Duplicate of #12.');
    expect(orphanComment()).toBe('**Đã khôi phục / Recovered.**');
  });
});
