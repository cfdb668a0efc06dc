// What a person moving from one job profile to another must add: items matched by their stable identifier.
import type { LocalizedText } from '../common/localized-text.js';

export interface ComparedRequirement {
  itemIdentifier: string;
  itemCode: string | null;
  itemLabel: LocalizedText;
  level: number;
  essential: boolean;
}

export interface ComparisonLine {
  itemIdentifier: string;
  itemCode: string | null;
  itemLabel: LocalizedText;
  requiredLevel: number;
  currentLevel: number;
  delta: number;
  essential: boolean;
  status: 'new' | 'raise' | 'covered';
}

export interface Comparison {
  lines: ComparisonLine[];
  newItems: number;
  raisedItems: number;
  coveredItems: number;
  essentialLevelGap: number;
}

export function compareProfiles(from: ComparedRequirement[], to: ComparedRequirement[]): Comparison {
  const held = new Map(from.map((requirement) => [requirement.itemIdentifier, requirement.level]));
  const lines = to.map((requirement): ComparisonLine => {
    const currentLevel = held.get(requirement.itemIdentifier) ?? 0;
    const delta = Math.max(0, requirement.level - currentLevel);
    return {
      itemIdentifier: requirement.itemIdentifier,
      itemCode: requirement.itemCode,
      itemLabel: requirement.itemLabel,
      requiredLevel: requirement.level,
      currentLevel,
      delta,
      essential: requirement.essential,
      status: currentLevel === 0 ? 'new' : delta > 0 ? 'raise' : 'covered',
    };
  });
  lines.sort(
    (a, b) =>
      Number(b.delta > 0) - Number(a.delta > 0) ||
      Number(b.essential) - Number(a.essential) ||
      b.delta - a.delta ||
      (a.itemCode ?? '').localeCompare(b.itemCode ?? '', 'fr', { numeric: true }),
  );
  return {
    lines,
    newItems: lines.filter((line) => line.status === 'new').length,
    raisedItems: lines.filter((line) => line.status === 'raise').length,
    coveredItems: lines.filter((line) => line.status === 'covered').length,
    essentialLevelGap: lines.filter((line) => line.essential).reduce((sum, line) => sum + line.delta, 0),
  };
}
