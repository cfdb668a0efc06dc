import { cleanLocalized, foldForSearch, HasSomeLanguage, searchableText } from './localized-text.js';

describe('foldForSearch', () => {
  it('ignores French accents and case', () => {
    expect(foldForSearch('Évaluation des Technologies de Santé')).toBe('evaluation des technologies de sante');
  });

  it('merges Arabic spelling variants so a search without hamza or harakat still matches', () => {
    expect(foldForSearch('إدارة الأزمات')).toBe(foldForSearch('ادارة الازمات'));
    expect(foldForSearch('الصَّيْدَلَة')).toBe('الصيدله');
    expect(foldForSearch('مستشفى')).toBe('مستشفي');
  });
});

describe('searchableText', () => {
  it('joins every language of every text', () => {
    expect(searchableText('PS-1', { fr: 'Crise', ar: 'أزمة', en: 'Crisis' })).toBe('ps-1 crise ازمه crisis');
  });
});

describe('localized text validation', () => {
  const rule = new HasSomeLanguage();
  it('needs text in at least one language', () => {
    expect(rule.validate({ fr: '  ', ar: '' })).toBe(false);
    expect(rule.validate({ ar: 'أزمة' })).toBe(true);
  });

  it('drops blank languages', () => {
    expect(cleanLocalized({ fr: ' Crise ', en: ' ' })).toEqual({ fr: 'Crise' });
    expect(cleanLocalized({ en: '' })).toBeNull();
  });

  it('drops bidi controls, so an imported title cannot reverse the text around it', () => {
    expect(cleanLocalized({ fr: '\u202eGestion de crise\u202c', ar: '\u200fإدارة\u2067 الأزمات\u2069\u061c', en: '\u202a\u200e' })).toEqual(
      { fr: 'Gestion de crise', ar: 'إدارة الأزمات' },
    );
  });
});
