// Whether a learner's record earns a diploma: the programme's completion rule, checked on what the records say.

export interface ProgrammeRule {
  modules: { moduleId: string; code: string; required: boolean; electiveGroup: string | null }[];
  electiveGroups: { code: string; minimumModules: number }[];
  /** Percentage; null when the programme sets none. */
  minimumAverage: number | null;
  internshipRequired: boolean;
}

export interface LearnerRecord {
  /** Modules passed (completed enrolment), with the best certifying score in percent when there is one. */
  passed: Map<string, number | null>;
  internshipValidated: boolean;
}

export type UnmetRule =
  | { rule: 'required_module'; moduleCode: string }
  | { rule: 'elective_group'; group: string; passed: number; needed: number }
  | { rule: 'minimum_average'; average: number | null; minimum: number }
  | { rule: 'internship'; detail: string };

export interface Outcome {
  eligible: boolean;
  unmet: UnmetRule[];
  /** Mean of the scores of the modules that count, in percent (null without scores). */
  average: number | null;
  /** Module ids the diploma rests on. */
  counted: string[];
}

export function checkProgrammeCompletion(rule: ProgrammeRule, record: LearnerRecord): Outcome {
  const unmet: UnmetRule[] = [];
  const counted: string[] = [];
  for (const module of rule.modules.filter((m) => m.required)) {
    if (record.passed.has(module.moduleId)) counted.push(module.moduleId);
    else unmet.push({ rule: 'required_module', moduleCode: module.code });
  }
  for (const group of rule.electiveGroups) {
    const passedInGroup = rule.modules.filter((m) => m.electiveGroup === group.code && record.passed.has(m.moduleId));
    counted.push(...passedInGroup.map((m) => m.moduleId));
    if (passedInGroup.length < group.minimumModules)
      unmet.push({ rule: 'elective_group', group: group.code, passed: passedInGroup.length, needed: group.minimumModules });
  }
  const scores = counted.map((id) => record.passed.get(id)).filter((score): score is number => typeof score === 'number');
  const average = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
  if (rule.minimumAverage !== null && (average === null || average < rule.minimumAverage)) {
    unmet.push({ rule: 'minimum_average', average, minimum: rule.minimumAverage });
  }
  if (rule.internshipRequired && !record.internshipValidated) unmet.push({ rule: 'internship', detail: 'no validated internship report' });
  return { eligible: unmet.length === 0, unmet, average, counted };
}

export function describeUnmet(rule: UnmetRule): string {
  switch (rule.rule) {
    case 'required_module':
      return `required module ${rule.moduleCode} not passed`;
    case 'elective_group':
      return `elective group ${rule.group}: ${rule.passed} of ${rule.needed} modules passed`;
    case 'minimum_average':
      return `average ${rule.average ?? 'unknown'}% below the minimum ${rule.minimum}%`;
    case 'internship':
      return `internship: ${rule.detail}`;
  }
}
