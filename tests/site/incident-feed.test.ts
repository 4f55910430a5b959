import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { escapeHtml, feedItems, incidentFeeds, type FeedInput } from '../../site/lib/incident-feed.ts';
import { INCIDENTS, ORGANISATION, SITE_URL, outputsFixture } from '../support/public-outputs-fixture.ts';

const input = (nameOfA?: string, organisation = ORGANISATION): FeedInput => {
  const { model } = outputsFixture({ nameOfA });
  return {
    organisation,
    siteUrl: SITE_URL,
    timeZone: model.timeZone,
    incidents: model.incidents,
    siteNames: new Map(model.sites.map((s) => [s.id, s.name])),
    updatedAt: model.lastRunAt!,
  };
};

describe('incident feeds', () => {
  test('one item per public incident update, newest first, each with its own id and the incident page link', () => {
    expect(feedItems(input())).toEqual([
      {
        id: 'https://trangthai.example.gov.vn/su-co/bo-b--availability--20261125T0230/#cap-nhat-1',
        title: 'Bộ B: Gián đoạn truy cập (Đang xử lý)',
        link: 'https://trangthai.example.gov.vn/su-co/bo-b--availability--20261125T0230/',
        date: '2026-11-25T02:30:00.000Z',
        description:
          'Phát hiện sự cố: gián đoạn truy cập. Thời điểm: 25/11/2026 09:30. Sự cố bắt đầu lúc 25/11/2026 09:30.',
      },
      {
        id: 'https://trangthai.example.gov.vn/su-co/bo-a--defacement--20261124T0000/#cap-nhat-2',
        title: 'Bộ A: Sự cố an toàn thông tin (Báo nhầm)',
        link: 'https://trangthai.example.gov.vn/su-co/bo-a--defacement--20261124T0000/',
        date: '2026-11-24T01:00:00.000Z',
        description: 'Báo nhầm: không có sự cố. Thời điểm: 24/11/2026 08:00. Sự cố bắt đầu lúc 24/11/2026 07:00.',
      },
      {
        id: 'https://trangthai.example.gov.vn/su-co/bo-a--defacement--20261124T0000/#cap-nhat-1',
        title: 'Bộ A: Sự cố an toàn thông tin (Đang xử lý)',
        link: 'https://trangthai.example.gov.vn/su-co/bo-a--defacement--20261124T0000/',
        date: '2026-11-24T00:00:00.000Z',
        description:
          'Phát hiện sự cố: sự cố an toàn thông tin. Thời điểm: 24/11/2026 07:00. Sự cố bắt đầu lúc 24/11/2026 07:00.',
      },
      {
        id: 'https://trangthai.example.gov.vn/su-co/tinh-c--availability--20261120T0100/#cap-nhat-2',
        title: 'Tỉnh C: Truy cập chậm (Đã khắc phục)',
        link: 'https://trangthai.example.gov.vn/su-co/tinh-c--availability--20261120T0100/',
        date: '2026-11-20T02:00:00.000Z',
        description: 'Đã khắc phục. Thời điểm: 20/11/2026 09:00. Sự cố bắt đầu lúc 20/11/2026 08:00.',
      },
      {
        id: 'https://trangthai.example.gov.vn/su-co/tinh-c--availability--20261120T0100/#cap-nhat-1',
        title: 'Tỉnh C: Truy cập chậm (Đang xử lý)',
        link: 'https://trangthai.example.gov.vn/su-co/tinh-c--availability--20261120T0100/',
        date: '2026-11-20T01:00:00.000Z',
        description: 'Phát hiện sự cố: truy cập chậm. Thời điểm: 20/11/2026 08:00. Sự cố bắt đầu lúc 20/11/2026 08:00.',
      },
    ]);
  });

  test('an incident of a site no longer registered keeps its own title', () => {
    const items = feedItems({ ...input(), siteNames: new Map() });
    expect(items[0]!.title).toBe('Bộ B: gián đoạn truy cập, đang khắc phục (Đang xử lý)');
  });

  test('RSS 2.0 and Atom 1.0 are well-formed and read back with the same items', () => {
    const { rss, atom } = incidentFeeds(input());
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(XMLValidator.validate(atom)).toBe(true);
    const expected = feedItems(input());
    for (const [xml, type] of [
      [rss, 'rss'],
      [atom, 'atom'],
    ] as const) {
      const feed = parseFeed(xml);
      expect(feed.meta.type).toBe(type);
      expect(feed.title).toBe('Sự cố cổng thông tin — Cục Mẫu');
      if (type === 'rss') expect(feed.language).toBe('vi');
      expect(
        feed.items.map((i) => [i.id, i.title, i.url, i.published?.toISOString() ?? i.updated?.toISOString()]),
      ).toEqual(expected.map((e) => [e.id, e.title, e.link, e.date]));
      expect(new Set(feed.items.map((i) => i.id)).size).toBe(feed.items.length);
    }
    expect(rss).toContain(
      '<atom:link href="https://trangthai.example.gov.vn/rss.xml" rel="self" type="application/rss+xml"/>',
    );
    expect(atom).toContain('<updated>2026-11-25T02:30:00.000Z</updated>');
  });

  test('hostile names come out as text: escaped, well-formed, never markup', () => {
    const hostile = `<script>alert("x")</script> & 'Q' ]]> <img src=x onerror=alert(1)>`;
    const { rss, atom } = incidentFeeds(input(hostile, hostile));
    for (const xml of [rss, atom]) {
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).not.toContain('<script>');
      expect(xml).not.toContain('<img');
      const feed = parseFeed(xml);
      // Feed-level texts are plain text: they read back exactly.
      expect(feed.title).toBe(`Sự cố cổng thông tin — ${hostile}`);
      // Item texts are HTML-escaped inside CDATA (Atom says type="html"): a reader decodes them back
      // to the same text, never to markup.
      const a = feed.items.find((i) => i.id?.includes('bo-a--defacement'))!;
      expect(a.title).toBe(`${hostile}: Sự cố an toàn thông tin (Báo nhầm)`);
      expect(xml).toContain(`${escapeHtml(hostile)}: Sự cố an toàn thông tin (Báo nhầm)`);
    }
  });

  test('no incidents: valid empty feeds dated by the last run', () => {
    const { rss, atom } = incidentFeeds({ ...input(), incidents: [] });
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(parseFeed(atom).items).toEqual([]);
    expect(atom).toContain('<updated>2026-11-25T02:59:00.000Z</updated>');
  });

  test('escapeHtml', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('non-public incidents (suspected defacement, TLS warning) never reach a feed', () => {
    const { rss, atom } = incidentFeeds({ ...input(), incidents: INCIDENTS });
    expect(rss + atom).not.toContain('tinh-d--defacement');
  });
});
