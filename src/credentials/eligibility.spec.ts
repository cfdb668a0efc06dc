import { checkProgrammeCompletion, describeUnmet, type ProgrammeRule } from './eligibility.js';

const diploma: ProgrammeRule = {
  modules: [
    { moduleId: 'pil', code: 'PIL-STR', required: true, electiveGroup: null },
    { moduleId: 'gc', code: 'GC-SSE', required: true, electiveGroup: null },
    { moduleId: 'si', code: 'SIH', required: false, electiveGroup: 'OPT' },
    { moduleId: 'ph', code: 'PHARMA', required: false, electiveGroup: 'OPT' },
    { moduleId: 'co', code: 'COM', required: false, electiveGroup: 'OPT' },
  ],
  electiveGroups: [{ code: 'OPT', minimumModules: 2 }],
  minimumAverage: 60,
  internshipRequired: true,
};

describe('checkProgrammeCompletion', () => {
  it('awards the diploma when required modules, electives, average and internship are all there', () => {
    const outcome = checkProgrammeCompletion(diploma, {
      passed: new Map([
        ['pil', 70],
        ['gc', 65],
        ['si', 80],
        ['co', null],
      ]),
      internshipValidated: true,
    });
    expect(outcome).toEqual({ eligible: true, unmet: [], average: 71.67, counted: ['pil', 'gc', 'si', 'co'] });
  });

  it('lists every unmet rule', () => {
    const outcome = checkProgrammeCompletion(diploma, {
      passed: new Map([
        ['pil', 52],
        ['si', 55],
      ]),
      internshipValidated: false,
    });
    expect(outcome.eligible).toBe(false);
    expect(outcome.unmet.map(describeUnmet)).toEqual([
      'required module GC-SSE not passed',
      'elective group OPT: 1 of 2 modules passed',
      'average 53.5% below the minimum 60%',
      'internship: no validated internship report',
    ]);
  });
});
