import { compareQuestionnaires } from './questionnaires.js';

describe('compareQuestionnaires', () => {
  it('averages the gain over learners who answered both questionnaires', () => {
    expect(
      compareQuestionnaires([
        { learnerId: 'a', pre: 40, post: 70 },
        { learnerId: 'b', pre: 60, post: 55 },
        { learnerId: 'c', pre: 50, post: 80 },
        { learnerId: 'd', pre: 45 },
      ]),
    ).toEqual({ pairs: 3, averagePre: 50, averagePost: 68.33, averageGain: 18.33, improvedShare: 0.67, incomplete: 1 });
  });

  it('says nothing rather than zero when no pair exists', () => {
    expect(compareQuestionnaires([{ learnerId: 'a', post: 90 }])).toEqual({
      pairs: 0,
      averagePre: null,
      averagePost: null,
      averageGain: null,
      improvedShare: null,
      incomplete: 1,
    });
  });
});
