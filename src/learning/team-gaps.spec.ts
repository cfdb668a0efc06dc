import { buildTeamReport, csvCell, teamReportCsv, teamReportSvg } from './team-gaps.js';

const staff = [
  { id: 'p1', givenName: 'Amina', familyName: 'Belkacem', staffNumber: 'DZ-1', profileId: 'dir', profileCode: 'DIR-01' },
  { id: 'p2', givenName: '=cmd', familyName: 'Injection', staffNumber: null, profileId: 'pha', profileCode: 'PHA-01' },
];
const items = [
  { itemIdentifier: 'gc1', itemCode: 'GC-1', itemLabel: { fr: 'Plan blanc' } },
  { itemIdentifier: 'ph3', itemCode: 'PH-3', itemLabel: { fr: 'Pharmacovigilance' } },
];
const gaps = [
  { learnerId: 'p1', itemIdentifier: 'gc1', requiredLevel: 3, currentLevel: 1, essential: true },
  { learnerId: 'p2', itemIdentifier: 'gc1', requiredLevel: 2, currentLevel: 0, essential: false },
  { learnerId: 'p2', itemIdentifier: 'ph3', requiredLevel: 4, currentLevel: 1, essential: true },
];

describe('team gap report', () => {
  const report = buildTeamReport(staff, items, gaps, []);

  it('counts gaps per person and per competency, most needed competency first', () => {
    expect(report.people.map((p) => [p.name, p.gaps, p.essentialGaps])).toEqual([
      ['Amina Belkacem', 1, 1],
      ['=cmd Injection', 2, 1],
    ]);
    expect(report.items.map((i) => [i.itemCode, i.peopleWithGap, i.essentialFor, i.totalGap])).toEqual([
      ['GC-1', 2, 1, 4],
      ['PH-3', 1, 1, 3],
    ]);
    expect(report.cells).toEqual([
      [0, 0, 2],
      [1, 0, 2],
      [1, 1, 3],
    ]);
  });

  it('exports a CSV matrix that a spreadsheet cannot run as formulas', () => {
    const lines = teamReportCsv(report).trim().split('\r\n');
    expect(lines[0]).toBe('name,staff_number,job_profile,gaps,essential_gaps,GC-1 Plan blanc,PH-3 Pharmacovigilance');
    expect(lines[1]).toBe('Amina Belkacem,DZ-1,DIR-01,1,1,2,');
    expect(lines[2]).toBe("'=cmd Injection,,PHA-01,2,1,2,3");
    expect(csvCell('a "quoted", cell')).toBe('"a ""quoted"", cell"');
  });

  it('sees a formula behind blanks, zero-width and bidi characters, and after a ";" or "," separator', () => {
    expect(csvCell(' =HYPERLINK("http://x")')).toBe(`"' =HYPERLINK(""http://x"")"`);
    expect(csvCell('\u200b=1+1')).toBe("'\u200b=1+1");
    expect(csvCell('\u202e\u2066@SUM(A1)')).toBe("'\u202e\u2066@SUM(A1)");
    expect(csvCell('\u00a0\t-2')).toBe("'\u00a0\t-2");
    expect(csvCell("Nadia;=cmd|' /C calc'!A0")).toBe(`"'Nadia;=cmd|' /C calc'!A0"`);
    expect(csvCell('Benkhelifa, +33')).toBe(`"'Benkhelifa, +33"`);
    expect(csvCell('Plan blanc; cellule')).toBe('"Plan blanc; cellule"');
    expect(csvCell('GC-1 Plan blanc')).toBe('GC-1 Plan blanc');
  });

  it('draws a heatmap with a cell per person and competency, or per job profile for large teams', () => {
    const svg = teamReportSvg(report, { title: 'CHU Oran' });
    expect(svg.match(/<rect x="\d+" y="\d+" width="17"/g)).toHaveLength(4);
    const hostile = teamReportSvg(buildTeamReport([{ ...staff[0], givenName: '<script>' }], items, [], []), { title: 'x' });
    expect(hostile).toContain('&lt;script&gt;');
    expect(hostile).not.toContain('<script>');
    const grouped = teamReportSvg(report, { title: 'CHU Oran', maxPeople: 1 });
    expect(grouped).toContain('grouped by job profile');
    expect(grouped).toContain('PHA-01: 1/1 with a gap');
  });
});
