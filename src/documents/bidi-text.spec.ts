import { visualRuns } from './bidi-text.js';

// Which characters the Arabic face has, roughly as Noto Naskh Arabic: Arabic, digits, space and basic punctuation.
const arabicHas = (char: string): boolean => /[\u0600-\u06ff0-9 .,:«»]/.test(char);

describe('visualRuns', () => {
  it('keeps a French line whole, in the Latin face', () => {
    expect(visualRuns('Gestion de crise (60 h)', 'ltr', arabicHas)).toEqual([{ text: 'Gestion de crise (60 h)', script: 'latin' }]);
  });

  it('hands an Arabic line to the shaper in reading order (fontkit reverses the glyphs)', () => {
    expect(visualRuns('إدارة الأزمات', 'rtl', arabicHas)).toEqual([{ text: 'إدارة الأزمات', script: 'arabic' }]);
  });

  it('puts the Arabic half of a bilingual line to the right of the French', () => {
    expect(visualRuns('CERTIFICAT · شهادة', 'ltr', arabicHas)).toEqual([
      { text: 'CERTIFICAT · ', script: 'latin' },
      { text: 'شهادة', script: 'arabic' },
    ]);
  });

  it('orders Latin words inside Arabic text from right to left, each read left to right', () => {
    const runs = visualRuns('الملف credential.json هو المرجع', 'rtl', arabicHas);
    expect(runs).toEqual([
      { text: ' هو المرجع', script: 'arabic' },
      { text: 'credential.json', script: 'latin' },
      { text: 'الملف ', script: 'arabic' },
    ]);
  });

  it('mirrors brackets in right-to-left text (UAX #9 rule L4)', () => {
    // Read right to left: the Arabic word, then "(ORSEC)". Drawn left to right, the closing bracket comes first and
    // is mirrored, so the page shows "(ORSEC)"; the Arabic run keeps its trailing space, which fontkit puts on its left.
    expect(visualRuns('المخطط (ORSEC)', 'rtl', arabicHas)).toEqual([
      { text: '(', script: 'latin' },
      { text: 'ORSEC', script: 'latin' },
      { text: ')', script: 'latin' },
      { text: 'المخطط ', script: 'arabic' },
    ]);
  });

  it('keeps numbers left to right within Arabic', () => {
    const runs = visualRuns('تاريخ الإصدار: 30 جوان 2026', 'rtl', arabicHas);
    expect(runs.map((run) => run.text)).toEqual(['2026', ' جوان ', '30', 'تاريخ الإصدار: ']);
  });
});
