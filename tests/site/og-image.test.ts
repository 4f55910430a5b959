import sharp from 'sharp';
import { XMLValidator } from 'fast-xml-parser';
import { expect, test } from 'vitest';
import { clip, escapeXml, ogImagePng, ogImageSvg, type OgInput } from '../../site/lib/og-image.ts';
import { NOW, outputsFixture } from '../support/public-outputs-fixture.ts';

const { model } = outputsFixture();
const input: OgInput = {
  organisation: 'Cục Mẫu',
  overall: model.overall,
  counts: model.counts,
  at: model.lastRunAt!,
  timeZone: model.timeZone,
};

test('the SVG says the overall state, the counts and the organisation, in Vietnamese', () => {
  const svg = ogImageSvg(input);
  expect(XMLValidator.validate(svg)).toBe(true);
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  expect(texts).toEqual([
    'Cục Mẫu',
    'Trạng thái cổng thông tin',
    'Gián đoạn một phần',
    '5 cổng thông tin',
    '1 hoạt động · 1 chậm · 1 gián đoạn · 1 bảo trì · 1 chưa kiểm tra',
    'Cập nhật 25/11/2026 09:59',
  ]);
  expect(svg).toContain('font-family="sans-serif"');
});

test('hostile organisation names are escaped (well-formed SVG, no markup) and long ones clipped', () => {
  const svg = ogImageSvg({ ...input, organisation: `<script>alert("x")</script> & 'Q'` });
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toContain('<script>');
  expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Q&apos;');
  expect(clip('Ủy ban nhân dân tỉnh Mẫu', 10)).toBe('Ủy ban nh…');
  expect(clip('ngắn', 10)).toBe('ngắn');
  expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
});

test('the PNG is 1200×630 and renders the hostile SVG too', async () => {
  for (const organisation of ['Cục Mẫu', `<script>alert("x")</script> & 'Q'`]) {
    const png = await ogImagePng({ ...input, organisation, at: NOW.toISOString() });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
  }
});
