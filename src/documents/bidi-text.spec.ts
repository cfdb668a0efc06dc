import { visualRuns } from './bidi-text.js';

// Which characters the Arabic face has, roughly as Noto Naskh Arabic: Arabic, digits, space and basic punctuation.
const arabicHas = (char: string): boolean => /[\u0600-\u06ff0-9 .,:«»]/.test(char);

describe('visualRuns', () => {
  it('keeps a French line whole, in the Latin face', () => {
    expect(visualRuns('Gestion de crise (60 h)', 'ltr', arabicHas)).toEqual([
      { text: 'Gestion de crise (60 h)', script: 'latin', start: 0 },
    ]);
  });

  it('hands an Arabic line to the shaper in reading order (fontkit reverses the glyphs)', () => {
    expect(visualRuns('إدارة الأزمات', 'rtl', arabicHas)).toEqual([{ text: 'إدارة الأزمات', script: 'arabic', start: 0 }]);
  });

  it('puts the Arabic half of a bilingual line to the right of the French', () => {
    expect(visualRuns('CERTIFICAT · شهادة', 'ltr', arabicHas)).toEqual([
      { text: 'CERTIFICAT · ', script: 'latin', start: 0 },
      { text: 'شهادة', script: 'arabic', start: 13 },
    ]);
  });

  it('orders Latin words inside Arabic text from right to left, each read left to right', () => {
    const runs = visualRuns('الملف credential.json هو المرجع', 'rtl', arabicHas);
    expect(runs).toEqual([
      { text: ' هو المرجع', script: 'arabic', start: 21 },
      { text: 'credential.json', script: 'latin', start: 6 },
      { text: 'الملف ', script: 'arabic', start: 0 },
    ]);
  });

  it('mirrors brackets in right-to-left text (UAX #9 rule L4)', () => {
    // Read right to left: the Arabic word, then "(ORSEC)". Drawn left to right, the closing bracket comes first and
    // is mirrored, so the page shows "(ORSEC)"; the Arabic run keeps its trailing space, which fontkit puts on its left.
    expect(visualRuns('المخطط (ORSEC)', 'rtl', arabicHas)).toEqual([
      { text: '(', script: 'latin', start: 13 },
      { text: 'ORSEC', script: 'latin', start: 8 },
      { text: ')', script: 'latin', start: 7 },
      { text: 'المخطط ', script: 'arabic', start: 0 },
    ]);
  });

  it('keeps numbers left to right within Arabic', () => {
    const runs = visualRuns('تاريخ الإصدار: 30 جوان 2026', 'rtl', arabicHas);
    expect(runs.map((run) => run.text)).toEqual(['2026', ' جوان ', '30', 'تاريخ الإصدار: ']);
  });

  it('says where each run starts in the line as written, so that runs can be drawn in reading order', () => {
    const runs = visualRuns('الكفاءات المشهود بها (4) مدرجة في الملحق.', 'rtl', arabicHas);
    const reading = [...runs].sort((a, b) => a.start - b.start).map((run) => run.text);
    expect(reading.join('|')).toBe(
      runs
        .map((run) => run.text)
        .reverse()
        .join('|'),
    );
    expect(reading[0].startsWith('الكفاءات')).toBe(true);
  });
});
