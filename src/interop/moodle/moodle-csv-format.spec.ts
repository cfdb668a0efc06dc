import {
  escapeFormula,
  formatCrossReferences,
  normaliseHeader,
  parseCrossReferences,
  parseTaxonomies,
  unescapeFormula,
} from './moodle-csv-format.js';

describe('Moodle CSV cells', () => {
  it('escapes every cell a spreadsheet would run as a formula, and restores exactly what was written', () => {
    for (const cell of [
      '=SUM(A1)',
      '+33 1 23',
      '-Réceptionner',
      '@cmd',
      '\tTab',
      '\rCR',
      "'=already quoted",
      "''-twice",
      'Plan blanc',
      "l'hôpital",
      '',
      ' =lead space',
      '\u200b=zero width',
      '\u202e=bidi',
      'a;=after separator',
      "'a,-quoted then separated",
      "'plain",
      'x, y',
    ]) {
      expect(unescapeFormula(escapeFormula(cell))).toBe(cell);
    }
    expect(escapeFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(escapeFormula("l'hôpital")).toBe("l'hôpital");
    expect([' =1', '\u200b=1', 'Nadia;=1'].map(escapeFormula)).toEqual(["' =1", "'\u200b=1", "'Nadia;=1"]);
    expect(unescapeFormula("'plain")).toBe("'plain");
  });

  it('reads the taxonomy as a comma list or the 2016 JSON object by depth', () => {
    expect(parseTaxonomies('domain,competency, behaviour')).toEqual(['domain', 'competency', 'behaviour']);
    expect(parseTaxonomies('{"2":"competency","1":"domain"}')).toEqual(['domain', 'competency']);
    expect(parseTaxonomies('')).toEqual([]);
    expect(parseTaxonomies('{broken')).toBeNull();
  });

  it('keeps commas inside cross-referenced id numbers as %2C', () => {
    expect(parseCrossReferences('GC-1,A%2CB, GC-2')).toEqual(['GC-1', 'A,B', 'GC-2']);
    expect(formatCrossReferences(['GC-1', 'A,B'])).toBe('GC-1,A%2CB');
  });

  it('matches the headers of both variants', () => {
    expect(normaliseHeader('Rule type (optional)')).toBe(normaliseHeader('Rule type'));
    expect(normaliseHeader('Parent ID number')).toBe(normaliseHeader('Parent id number'));
  });
});
