import { describe, expect, it } from 'vitest';
import { createBaseline, updateBaseline } from '../../checks/analysis/baseline.ts';
import {
  carriesAnyName,
  findIdentity,
  foldName,
  identityNames,
  learnIdentity,
  nameForms,
  nameNeedle,
  wordSpaced,
} from '../../checks/analysis/identity.ts';
import { identityLostSignals } from '../../checks/analysis/signals/identity-lost.ts';
import { BaselineFileSchema } from '../../checks/schemas/baseline.ts';
import { learnedBaseline, model, NOW, portal, SITE_NAMES } from './fixtures.ts';

describe('identityNames', () => {
  it('takes name, English name, agency and keywords, once each however they are spelled', () => {
    expect(
      identityNames({
        name: 'Sở Y tế tỉnh Mẫu',
        name_en: 'Mau Department of Health',
        agency: 'SỞ Y TẾ TỈNH MẪU',
        checks: { keywords: ['So Y te tinh Mau', 'UBND tỉnh Mẫu'] },
      }),
    ).toEqual(['Sở Y tế tỉnh Mẫu', 'Mau Department of Health', 'UBND tỉnh Mẫu']);
  });
});

describe('name matching', () => {
  it('folds case, diacritics, đ and punctuation', () => {
    expect(foldName('  Ủy ban Nhân dân tỉnh Đắk Lắk. ')).toBe('uy ban nhan dan tinh dak lak');
    expect(foldName('USA.gov')).toBe('usa gov');
    expect(foldName('Ho\u0300a Bi\u0300nh')).toBe('hoa binh'); // decomposed input
  });

  it('also knows a portal name without its generic opening, when what is left names someone', () => {
    expect(nameForms('Cổng thông tin điện tử Sở Y tế tỉnh Mẫu')).toEqual([
      'cong thong tin dien tu so y te tinh mau',
      'so y te tinh mau',
    ]);
    expect(nameForms('Cổng thông tin điện tử Mẫu')).toEqual(['cong thong tin dien tu mau']);
    expect(nameForms('Official portal of Mau Province')).toEqual(['official portal of mau province', 'mau province']);
  });

  it('matches whole words in order, whatever stands between them', () => {
    const carries = (text: string, form: string) => {
      const needle = nameNeedle(form);
      return needle !== null && wordSpaced(text).includes(needle);
    };
    expect(carries('trang chu so y te tinh mau lien he', 'so y te tinh mau')).toBe(true);
    expect(carries('so y te tinh mau', 'so y te tinh mau')).toBe(true);
    expect(carries('so y te - tinh mau', 'so y te tinh mau')).toBe(true);
    expect(carries('«so y te» (tinh mau).', 'so y te tinh mau')).toBe(true);
    expect(carries('so y te tinh maura', 'so y te tinh mau')).toBe(false);
    expect(carries('xso y te tinh mau', 'so y te tinh mau')).toBe(false);
    expect(carries('so y te tinh 2mau', 'so y te tinh mau')).toBe(false); // digits join a word too
    expect(carries('visit usa.gov today', 'usa gov')).toBe(true);
    expect(carries('xa+b', 'a+b')).toBe(false); // "x" joins the word
    expect(carries('a-b', 'a+b')).toBe(true); // symbols separate words, in a name as on a page
    expect(carries('sở y tế', 'so y te')).toBe(false); // texts are folded before: zoneText does it
    expect(nameNeedle('')).toBeNull();
    expect(nameNeedle('+')).toBeNull();
    expect(nameNeedle('a+b')).toBe(' a b ');
    expect(wordSpaced('  Sở-Y  tế! ')).toBe(' Sở Y tế ');
    expect(wordSpaced('𝐀𝐁 x')).toBe(' 𝐀𝐁 x '); // letters outside the BMP are letters
  });

  it('finds a name in any zone', () => {
    expect(carriesAnyName(model(portal()), ['Ủy ban nhân dân tỉnh Thanh Hóa'])).toBe(true);
    expect(carriesAnyName(model('<p>UY BAN NHAN DAN TINH THANH HOA</p>'), ['Ủy ban nhân dân tỉnh Thanh Hóa'])).toBe(
      true,
    );
    expect(carriesAnyName(model('<img alt="Logo Sở Y tế tỉnh Mẫu">'), ['Sở Y tế tỉnh Mẫu'])).toBe(true);
    expect(carriesAnyName(model('<p>Sở Y tế</p>'), ['Sở Y tế tỉnh Mẫu'])).toBe(false);
  });

  it('finds which names a page carries and where', () => {
    const found = findIdentity(model(portal()), [...SITE_NAMES, 'Sở Y tế tỉnh Mẫu']);
    expect(found.names).toEqual(['Cổng thông tin điện tử tỉnh Thanh Hóa', 'Ủy ban nhân dân tỉnh Thanh Hóa']);
    expect(found.zones).toEqual(['title', 'headings', 'text', 'alt']);
  });
});

describe('learnIdentity', () => {
  it('keeps names seen before, adds new ones, drops those the registry no longer has', () => {
    const m = model(portal());
    const first = learnIdentity(undefined, m, SITE_NAMES)!;
    expect(first.names).toEqual(['Cổng thông tin điện tử tỉnh Thanh Hóa', 'Ủy ban nhân dân tỉnh Thanh Hóa']);
    expect(first.ownLinks).toBe(m.ownLinks);
    expect(m.ownLinks).toBeGreaterThan(30);
    const renamed = learnIdentity(first, model(portal({ title: 'Trang chủ' })), [
      'Ủy ban nhân dân tỉnh Thanh Hóa',
      'Thanh Hóa',
    ])!;
    expect(renamed.names).toEqual(['Ủy ban nhân dân tỉnh Thanh Hóa', 'Thanh Hóa']);
    expect(learnIdentity(undefined, m, [])).toBeUndefined();
  });

  it('is kept in the baseline file and read back by its schema', () => {
    const m = model(portal());
    const b = updateBaseline(createBaseline(m, NOW, SITE_NAMES), m, NOW, SITE_NAMES);
    expect(b.identity?.names).toHaveLength(2);
    expect(BaselineFileSchema.parse(JSON.parse(JSON.stringify(b)))).toEqual(b);
    expect(createBaseline(m, NOW).identity).toBeUndefined();
  });
});

describe('identityLostSignals', () => {
  const baseline = learnedBaseline(5, SITE_NAMES);
  const replaced = model(
    '<html lang="en"><head><title>Free the world</title></head><body><h1>We stand for freedom</h1><p>Long live the people.</p><img src="/flag.jpg"></body></html>',
  );

  it('fires when the names and the own links are both gone, and says what was lost', () => {
    const signals = identityLostSignals({ model: replaced, baseline, names: SITE_NAMES });
    expect(signals.map((s) => [s.kind, s.weight])).toEqual([['identity-lost', 35]]);
    expect(signals[0]!.detail).toBe(
      `The page no longer names "Cổng thông tin điện tử tỉnh Thanh Hóa", "Ủy ban nhân dân tỉnh Thanh Hóa"; the baseline did, in its title, headings, text, image descriptions. Links to the site's own pages went from ${baseline.identity!.ownLinks} to 0.`,
    );
  });

  it('stays quiet while the page still names the site, or still links its own pages, or nothing was learned', () => {
    const named = model(
      '<html><head><title>UBND tỉnh Thanh Hóa</title></head><body><p>Ủy ban nhân dân tỉnh Thanh Hóa</p></body></html>',
    );
    expect(identityLostSignals({ model: named, baseline, names: SITE_NAMES })).toEqual([]);
    const linked = model(
      `<html><head><title>Trang chủ</title></head><body>${Array.from({ length: 40 }, (_, i) => `<a href="/p/${i}">Mục ${i}</a>`).join('')}</body></html>`,
    );
    expect(identityLostSignals({ model: linked, baseline, names: SITE_NAMES })).toEqual([]);
    expect(identityLostSignals({ model: replaced, baseline: learnedBaseline(), names: SITE_NAMES })).toEqual([]);
    expect(identityLostSignals({ model: replaced, baseline: null, names: SITE_NAMES })).toEqual([]);
    // A name the registry dropped since is not looked for.
    expect(identityLostSignals({ model: replaced, baseline, names: ['Sở Y tế tỉnh Mẫu'] })).toEqual([]);
  });
});
