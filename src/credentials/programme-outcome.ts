// Where a learner stands in a programme (its completion rule against the passed modules): the diploma requires it to
// hold; a transcript reports it (`partial` while it does not).
import type { EntityManager } from 'typeorm';
import type { Programme } from '../catalogue/programme.entity.js';
import type { CredentialsRepository } from './credentials.repository.js';
import { checkProgrammeCompletion } from './eligibility.js';

/** `programme` as loaded by CredentialsRepository.findProgramme (modules, elective groups). */
export async function programmeOutcome(
  credentials: CredentialsRepository,
  programme: Programme,
  learnerId: string,
  manager: EntityManager,
) {
  const entries = programme.modules ?? [];
  const moduleIds = entries.map((entry) => entry.moduleId);
  return checkProgrammeCompletion(
    {
      modules: entries.map((entry) => ({
        moduleId: entry.moduleId,
        code: entry.module!.code,
        required: !entry.electiveGroupId,
        electiveGroup: entry.electiveGroup?.code ?? null,
      })),
      electiveGroups: (programme.electiveGroups ?? []).map((group) => ({ code: group.code, minimumModules: group.minimumModules })),
      minimumAverage: programme.minimumAverage,
      internshipRequired: programme.internshipRequired,
    },
    {
      passed: await credentials.passedModules(learnerId, moduleIds, manager),
      internshipValidated: await credentials.internshipValidated(learnerId, programme.id, moduleIds, manager),
    },
  );
}
