import { analyseGaps, recommendModules, type ModuleOffer, type RequiredCompetency } from './gap-analysis.js';

const requirement = (code: string, requiredLevel: number, essential = true): RequiredCompetency => ({
  itemIdentifier: code,
  itemCode: code,
  itemLabel: { fr: code },
  requiredLevel,
  essential,
});
const offer = (code: string, hours: number, outcomes: Record<string, number>): ModuleOffer => ({
  moduleId: code,
  code,
  title: { fr: code },
  hours,
  outcomes: new Map(Object.entries(outcomes)),
});

describe('analyseGaps', () => {
  it('compares each required level with the level proved, gaps first', () => {
    const lines = analyseGaps(
      [requirement('PS-1', 3), requirement('GC-1', 2), requirement('CO-3', 2, false)],
      new Map([
        ['PS-1', 3],
        ['GC-1', 1],
      ]),
    );
    expect(lines.map((line) => [line.itemCode, line.currentLevel, line.gap])).toEqual([
      ['GC-1', 1, 1],
      ['CO-3', 0, 2],
      ['PS-1', 3, 0],
    ]);
  });
});

describe('recommendModules', () => {
  const gaps = analyseGaps(
    [requirement('GC-1', 3), requirement('GC-2', 2), requirement('SI-1', 2), requirement('PH-1', 3), requirement('CO-3', 2, false)],
    new Map(),
  );
  const catalogue = [
    offer('CRISE', 35, { 'GC-1': 3, 'GC-2': 3 }),
    offer('CRISE-INTRO', 7, { 'GC-1': 1, 'GC-2': 2 }), // too shallow for GC-1
    offer('SIH', 21, { 'SI-1': 2 }),
    offer('MEGA', 60, { 'GC-1': 3, 'GC-2': 2, 'SI-1': 3 }),
    offer('MEDIA', 14, { 'CO-3': 3 }),
  ];

  it('finds the cheapest set closing every essential gap and names what nothing closes', () => {
    const result = recommendModules(gaps, catalogue);
    expect(result.method).toBe('exact');
    expect(result.modules.map((module) => module.code)).toEqual(['CRISE', 'SIH']); // 56 h, not MEGA's 60 h
    expect(result.totalHours).toBe(56);
    expect(result.uncovered.map((gap) => gap.itemCode)).toEqual(['PH-1']);
  });

  it('greedy keeps every essential gap closed and drops redundant modules', () => {
    const result = recommendModules(gaps, catalogue, 0);
    expect(result.method).toBe('greedy');
    const closed = new Set(result.modules.flatMap((module) => module.closes));
    expect(['GC-1', 'GC-2', 'SI-1'].every((code) => closed.has(code))).toBe(true);
    for (const module of result.modules) {
      const others = new Set(result.modules.filter((m) => m !== module).flatMap((m) => m.closes));
      expect(['GC-1', 'GC-2', 'SI-1'].every((code) => others.has(code))).toBe(false);
    }
  });

  it('recommends nothing when nothing is missing', () => {
    const result = recommendModules(analyseGaps([requirement('GC-1', 2)], new Map([['GC-1', 4]])), catalogue);
    expect(result).toEqual({ modules: [], totalHours: 0, uncovered: [], method: 'exact' });
  });
});
