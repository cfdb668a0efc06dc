import { caseDateTime, childOfIdentifier, fromCaseAssociationType, languageOf, toCaseAssociationType } from './case-conventions.js';

describe('CASE conventions', () => {
  it('files a language tag under fr, ar or en, anything else under en', () => {
    expect(['fr', 'fr-FR', 'ar-DZ', 'AR', 'en-GB', 'es', undefined, 42].map(languageOf)).toEqual([
      'fr',
      'fr',
      'ar',
      'ar',
      'en',
      'en',
      'en',
      'en',
    ]);
  });

  it('derives the isChildOf identifier of an item reversibly, keeping the UUID layout', () => {
    const child = '3f6c1a52-8e7d-4a8e-9d61-3f1e2b7a9c10';
    const derived = childOfIdentifier(child);
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derived).not.toBe(child);
    expect(childOfIdentifier(derived)).toBe(child);
  });

  it('reads association types leniently and writes ours as extension types', () => {
    expect(
      [
        'isChildOf',
        'Is Child Of',
        'exactmatchof',
        'isTranslationOf',
        'ext:prerequisite',
        'ext:closeMatchOf',
        'closeMatchOf',
        'isCousinOf',
        'ext:bad type',
      ].map(fromCaseAssociationType),
    ).toEqual([
      'isChildOf',
      'isChildOf',
      'exactMatchOf',
      'isTranslationOf',
      'ext:prerequisite',
      'closeMatchOf',
      'closeMatchOf',
      undefined,
      undefined,
    ]);
    expect(['closeMatchOf', 'hasSkillLevel', 'ext:prerequisite'].map(toCaseAssociationType)).toEqual([
      'ext:closeMatchOf',
      'hasSkillLevel',
      'ext:prerequisite',
    ]);
  });

  it('reads date-times without zone as UTC and keeps the others verbatim', () => {
    const fallback = new Date('2026-01-01T00:00:00.000Z');
    expect(caseDateTime('2017-09-22 23:13:54', fallback)).toBe('2017-09-22T23:13:54Z');
    expect(caseDateTime('2017-09-22T23:13:54+00:00', fallback)).toBe('2017-09-22T23:13:54+00:00');
    expect(caseDateTime('yesterday', fallback)).toBe('2026-01-01T00:00:00Z');
  });
});
