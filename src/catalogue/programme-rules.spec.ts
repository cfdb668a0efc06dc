import { findPrerequisiteCycles, programmeTotals, structureErrors, type ProgrammeModuleRule } from './programme-rules.js';

// A management diploma: three required modules and "2 of these 3" electives.
const diploma: ProgrammeModuleRule[] = [
  { moduleId: 'pilotage', required: true },
  { moduleId: 'finances', required: true, prerequisites: ['pilotage'] },
  { moduleId: 'crise', required: true, prerequisites: ['pilotage'] },
  { moduleId: 'qualite', required: false, electiveGroup: 'options' },
  { moduleId: 'rh', required: false, electiveGroup: 'options', prerequisites: ['pilotage'] },
  { moduleId: 'numerique', required: false, electiveGroup: 'options' },
];
const options = [{ code: 'options', minimumModules: 2 }];

describe('structureErrors', () => {
  it('accepts required modules, a "2 of these 3" group and prerequisites inside the programme', () => {
    expect(structureErrors(diploma, options)).toEqual([]);
  });

  it('refuses a group asking for more modules than it holds', () => {
    expect(structureErrors(diploma, [{ code: 'options', minimumModules: 4 }])).toEqual([
      { field: 'electiveGroups[0].minimumModules', reason: 'asks for 4 module(s) but group options has 3' },
    ]);
  });

  it('names each faulty row', () => {
    const errors = structureErrors(
      [
        { moduleId: 'pilotage', required: true, electiveGroup: 'options' },
        { moduleId: 'pilotage', required: true },
        { moduleId: 'qualite', required: false },
        { moduleId: 'rh', required: false, electiveGroup: 'langues' },
        { moduleId: 'finances', required: true, prerequisites: ['ailleurs', 'pilotage', 'pilotage'] },
      ],
      [
        { code: 'options', minimumModules: 1 },
        { code: 'options', minimumModules: 1 },
      ],
    );
    expect(errors.map((error) => error.field)).toEqual([
      'electiveGroups[1].code',
      'modules[0].electiveGroup',
      'modules[1].moduleId',
      'modules[2].electiveGroup',
      'modules[3].electiveGroup',
      'modules[4].prerequisites[0]',
      'modules[4].prerequisites[2]',
      'electiveGroups[0].minimumModules',
      'electiveGroups[1].minimumModules',
    ]);
  });
});

describe('findPrerequisiteCycles', () => {
  it('finds none in a well-ordered programme', () => {
    expect(findPrerequisiteCycles(diploma)).toEqual([]);
  });

  it('names the modules along a cycle, starting from the first one listed', () => {
    const cyclic = [
      { moduleId: 'pilotage', required: true },
      { moduleId: 'finances', required: true, prerequisites: ['crise'] },
      { moduleId: 'crise', required: true, prerequisites: ['qualite'] },
      { moduleId: 'qualite', required: true, prerequisites: ['finances', 'pilotage'] },
    ];
    expect(findPrerequisiteCycles(cyclic)).toEqual([['finances', 'crise', 'qualite']]);
  });

  it('reports a module needing itself and two separate cycles', () => {
    const cycles = findPrerequisiteCycles([
      { moduleId: 'a', required: true, prerequisites: ['a'] },
      { moduleId: 'b', required: true, prerequisites: ['c'] },
      { moduleId: 'c', required: true, prerequisites: ['b'] },
    ]);
    expect(cycles).toEqual([['a'], ['b', 'c']]);
  });

  it('reports a cycle once even when reached from several modules', () => {
    const cycles = findPrerequisiteCycles([
      { moduleId: 'x', required: true, prerequisites: ['b'] },
      { moduleId: 'b', required: true, prerequisites: ['c'] },
      { moduleId: 'c', required: true, prerequisites: ['b'] },
      { moduleId: 'y', required: true, prerequisites: ['c'] },
    ]);
    expect(cycles).toEqual([['b', 'c']]);
  });

  it('ignores prerequisites outside the programme (reported by structureErrors)', () => {
    expect(findPrerequisiteCycles([{ moduleId: 'a', required: true, prerequisites: ['elsewhere'] }])).toEqual([]);
  });
});

describe('programmeTotals', () => {
  it('adds required modules and the cheapest modules of each elective group', () => {
    const totals = programmeTotals(
      [
        { required: true, hours: 35, ectsCredits: 3 },
        { required: true, hours: 42, ectsCredits: 4 },
        { required: true, hours: 28, ectsCredits: 2.5 },
        { required: false, electiveGroup: 'options', hours: 21, ectsCredits: 2 },
        { required: false, electiveGroup: 'options', hours: 14, ectsCredits: 3 },
        { required: false, electiveGroup: 'options', hours: 17.5, ectsCredits: null },
      ],
      [{ code: 'options', minimumModules: 2 }],
    );
    // Hours: 105 + 14 + 17.5; credits minimised on their own: 9.5 + 0 (no credits) + 2.
    expect(totals).toEqual({ totalHours: 136.5, totalCredits: 11.5 });
  });

  it('keeps one decimal without floating-point noise', () => {
    expect(
      programmeTotals(
        [
          { required: true, hours: 0.1, ectsCredits: 0.1 },
          { required: true, hours: 0.2, ectsCredits: 0.2 },
        ],
        [],
      ),
    ).toEqual({ totalHours: 0.3, totalCredits: 0.3 });
  });
});
