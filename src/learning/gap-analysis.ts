// Gaps between what a job profile requires and what a learner has proved, and the modules that close them.
import type { LocalizedText } from '../common/localized-text.js';

export interface RequiredCompetency {
  itemIdentifier: string;
  itemCode: string | null;
  itemLabel: LocalizedText;
  requiredLevel: number;
  essential: boolean;
}

export interface GapLine extends RequiredCompetency {
  currentLevel: number;
  gap: number;
}

export interface ModuleOffer {
  moduleId: string;
  code: string;
  title: LocalizedText;
  hours: number;
  /** Highest level the module brings each item to. */
  outcomes: Map<string, number>;
}

export interface Recommendation {
  modules: { moduleId: string; code: string; title: LocalizedText; hours: number; closes: string[] }[];
  totalHours: number;
  /** Gaps (essential or not) that no module of the catalogue closes. */
  uncovered: GapLine[];
  /** `exact` when every combination of candidates was tried; `greedy` otherwise (see recommendModules). */
  method: 'exact' | 'greedy';
}

/** Every requirement with the learner's level; gaps first (essential, then largest), as a manager reads them. */
export function analyseGaps(requirements: RequiredCompetency[], levels: Map<string, number>): GapLine[] {
  return requirements
    .map((requirement) => {
      const currentLevel = levels.get(requirement.itemIdentifier) ?? 0;
      return { ...requirement, currentLevel, gap: Math.max(0, requirement.requiredLevel - currentLevel) };
    })
    .sort(
      (a, b) =>
        Number(b.gap > 0) - Number(a.gap > 0) ||
        Number(b.essential) - Number(a.essential) ||
        b.gap - a.gap ||
        (a.itemCode ?? '').localeCompare(b.itemCode ?? '', 'fr', { numeric: true }),
    );
}

const closes = (module: ModuleOffer, gap: GapLine): boolean => (module.outcomes.get(gap.itemIdentifier) ?? 0) >= gap.requiredLevel;

/**
 * The set of modules that closes every essential gap that some module can close, with the fewest total hours.
 * Weighted set cover is NP-hard: with at most `exactLimit` candidate modules every combination is tried (exact);
 * beyond, the greedy rule (most essential gaps closed per hour, then redundant modules dropped) is used, whose
 * total is within a factor H(k) ≤ 1 + ln k of the optimum, k being the most gaps one module closes.
 */
export function recommendModules(gaps: GapLine[], catalogue: ModuleOffer[], exactLimit = 12): Recommendation {
  const open = gaps.filter((gap) => gap.gap > 0);
  const coverable = open.filter((gap) => catalogue.some((module) => closes(module, gap)));
  const uncovered = open.filter((gap) => !coverable.includes(gap));
  const targets = coverable.filter((gap) => gap.essential);
  const candidates = catalogue.filter((module) => targets.some((gap) => closes(module, gap)));

  const maskOf = (module: ModuleOffer): bigint =>
    targets.reduce((mask, gap, index) => (closes(module, gap) ? mask | (1n << BigInt(index)) : mask), 0n);
  const full = (1n << BigInt(targets.length)) - 1n;
  const masks = candidates.map(maskOf);

  let chosen: number[];
  let method: Recommendation['method'];
  if (candidates.length <= exactLimit) {
    method = 'exact';
    chosen = [];
    let best = Number.POSITIVE_INFINITY;
    for (let subset = 0; subset < 1 << candidates.length; subset++) {
      let mask = 0n;
      let hours = 0;
      const picked: number[] = [];
      for (let i = 0; i < candidates.length; i++) {
        if (subset & (1 << i)) {
          mask |= masks[i];
          hours += candidates[i].hours;
          picked.push(i);
        }
      }
      if (mask === full && (hours < best || (hours === best && picked.length < chosen.length))) {
        best = hours;
        chosen = picked;
      }
    }
  } else {
    method = 'greedy';
    chosen = [];
    let covered = 0n;
    while (covered !== full) {
      let bestIndex = -1;
      let bestRatio = 0;
      masks.forEach((mask, i) => {
        const gained = popcount(mask & ~covered);
        const ratio = gained / Math.max(candidates[i].hours, 0.1);
        if (gained > 0 && ratio > bestRatio) {
          bestRatio = ratio;
          bestIndex = i;
        }
      });
      chosen.push(bestIndex);
      covered |= masks[bestIndex];
    }
    // Drop modules made redundant by later picks, the longest first.
    for (const i of [...chosen].sort((a, b) => candidates[b].hours - candidates[a].hours)) {
      const others = chosen.filter((j) => j !== i).reduce((mask, j) => mask | masks[j], 0n);
      if (others === full) chosen = chosen.filter((j) => j !== i);
    }
  }

  const modules = chosen
    .map((i) => candidates[i])
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((module) => ({
      moduleId: module.moduleId,
      code: module.code,
      title: module.title,
      hours: module.hours,
      closes: coverable.filter((gap) => closes(module, gap)).map((gap) => gap.itemIdentifier),
    }));
  return { modules, totalHours: modules.reduce((sum, module) => sum + module.hours, 0), uncovered, method };
}

function popcount(mask: bigint): number {
  let count = 0;
  for (let m = mask; m > 0n; m &= m - 1n) count++;
  return count;
}
