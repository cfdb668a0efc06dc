// Pure rules of a programme's structure: required and elective modules, "n of these" groups, prerequisites, totals.
import type { FieldError } from '../common/problems.js';

export interface ProgrammeModuleRule {
  moduleId: string;
  required: boolean;
  /** Code of the elective group an elective module counts in. */
  electiveGroup?: string | null;
  /** Modules of the same programme to pass first. */
  prerequisites?: string[];
}

export interface ElectiveGroupRule {
  code: string;
  minimumModules: number;
}

/**
 * Everything wrong with the structure, row by row (field paths match the request body): a module listed twice,
 * a required module placed in a group or an elective one in none, an unknown group, a group asking for more modules
 * than it holds, a prerequisite outside the programme. Cycles are a separate check (findPrerequisiteCycles).
 */
export function structureErrors(modules: ProgrammeModuleRule[], groups: ElectiveGroupRule[]): FieldError[] {
  const errors: FieldError[] = [];
  const groupCodes = new Set<string>();
  groups.forEach((group, index) => {
    if (groupCodes.has(group.code))
      errors.push({ field: `electiveGroups[${index}].code`, reason: `elective group ${group.code} is defined twice` });
    groupCodes.add(group.code);
  });

  const inProgramme = new Set<string>();
  modules.forEach((entry, index) => {
    const field = `modules[${index}]`;
    if (inProgramme.has(entry.moduleId)) errors.push({ field: `${field}.moduleId`, reason: 'module listed twice' });
    inProgramme.add(entry.moduleId);
    if (entry.required && entry.electiveGroup)
      errors.push({ field: `${field}.electiveGroup`, reason: 'a required module belongs to no elective group' });
    if (!entry.required && !entry.electiveGroup)
      errors.push({ field: `${field}.electiveGroup`, reason: 'an elective module must name its elective group' });
    if (entry.electiveGroup && !groupCodes.has(entry.electiveGroup))
      errors.push({ field: `${field}.electiveGroup`, reason: `no elective group ${entry.electiveGroup} in electiveGroups` });
  });

  modules.forEach((entry, index) => {
    const seen = new Set<string>();
    (entry.prerequisites ?? []).forEach((prerequisite, position) => {
      const field = `modules[${index}].prerequisites[${position}]`;
      if (!inProgramme.has(prerequisite)) errors.push({ field, reason: 'not a module of this programme' });
      else if (seen.has(prerequisite)) errors.push({ field, reason: 'prerequisite listed twice' });
      seen.add(prerequisite);
    });
  });

  groups.forEach((group, index) => {
    const size = modules.filter((entry) => !entry.required && entry.electiveGroup === group.code).length;
    if (group.minimumModules > size) {
      errors.push({
        field: `electiveGroups[${index}].minimumModules`,
        reason: `asks for ${group.minimumModules} module(s) but group ${group.code} has ${size}`,
      });
    }
  });
  return errors;
}

/**
 * Prerequisite cycles (A needs B needs A, or a module needing itself), each as the module ids along the cycle,
 * starting from the one listed first in the programme. A depth-first walk finds one cycle per back edge; the same
 * cycle reached from another entry point is reported once.
 */
export function findPrerequisiteCycles(modules: ProgrammeModuleRule[]): string[][] {
  const needs = new Map(modules.map((entry) => [entry.moduleId, entry.prerequisites ?? []]));
  const order = new Map(modules.map((entry, index) => [entry.moduleId, index]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles = new Map<string, string[]>();

  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    for (const next of needs.get(id) ?? []) {
      if (!needs.has(next)) continue; // outside the programme: structureErrors reports it
      if (state.get(next) === 'open') {
        const cycle = path.slice(path.indexOf(next));
        const start = cycle.reduce((best, candidate, index) => (order.get(candidate)! < order.get(cycle[best])! ? index : best), 0);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(canonical.join(), canonical);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const entry of modules) if (!state.has(entry.moduleId)) visit(entry.moduleId);
  return [...cycles.values()];
}

export interface ModuleLoad {
  required: boolean;
  electiveGroup?: string | null;
  hours: number;
  ectsCredits: number | null;
}

export interface ProgrammeTotals {
  totalHours: number;
  totalCredits: number;
}

/**
 * The least a learner must take to complete the programme: every required module, plus in each elective group its
 * `minimumModules` cheapest modules. Hours and credits are minimised separately (the fewest-hours choice may differ
 * from the fewest-credits one), so each total is a lower bound. A module without ECTS credits counts 0 credits.
 */
export function programmeTotals(modules: ModuleLoad[], groups: ElectiveGroupRule[]): ProgrammeTotals {
  const required = modules.filter((entry) => entry.required);
  const credits = (entry: ModuleLoad) => entry.ectsCredits ?? 0;
  let totalHours = sum(required.map((entry) => entry.hours));
  let totalCredits = sum(required.map(credits));
  for (const group of groups) {
    const members = modules.filter((entry) => !entry.required && entry.electiveGroup === group.code);
    totalHours += sum(
      cheapest(
        members.map((entry) => entry.hours),
        group.minimumModules,
      ),
    );
    totalCredits += sum(cheapest(members.map(credits), group.minimumModules));
  }
  // Hours and credits carry one decimal; rounding drops binary floating-point noise (0.1 + 0.2).
  return { totalHours: round1(totalHours), totalCredits: round1(totalCredits) };
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
const cheapest = (values: number[], count: number): number[] => [...values].sort((a, b) => a - b).slice(0, count);
const round1 = (value: number): number => Math.round(value * 10) / 10;
