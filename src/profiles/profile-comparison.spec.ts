import { compareProfiles, type ComparedRequirement } from './profile-comparison.js';

const requirement = (code: string, level: number, essential = true): ComparedRequirement => ({
  itemIdentifier: `id-${code}`,
  itemCode: code,
  itemLabel: { fr: code },
  level,
  essential,
});

describe('compareProfiles', () => {
  const pharmacist = [requirement('PH-1', 4), requirement('PH-3', 4), requirement('GC-1', 1)];
  const director = [requirement('PS-1', 4), requirement('GC-1', 3), requirement('PH-1', 2, false), requirement('CO-3', 2, false)];

  it('lists new items, raised levels and covered ones, gaps first', () => {
    const result = compareProfiles(pharmacist, director);
    expect(result.lines.map((line) => [line.itemCode, line.status, line.currentLevel, line.delta])).toEqual([
      ['PS-1', 'new', 0, 4],
      ['GC-1', 'raise', 1, 2],
      ['CO-3', 'new', 0, 2],
      ['PH-1', 'covered', 4, 0],
    ]);
    expect(result).toMatchObject({ newItems: 2, raisedItems: 1, coveredItems: 1, essentialLevelGap: 6 });
  });

  it('a profile compared with itself has nothing to add', () => {
    const result = compareProfiles(director, director);
    expect(result.lines.every((line) => line.status === 'covered' && line.delta === 0)).toBe(true);
    expect(result.essentialLevelGap).toBe(0);
  });
});
