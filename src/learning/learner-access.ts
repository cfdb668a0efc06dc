// Who may see and change a learner's record: the learner, their employer's HR managers, the registrars of a school
// they train with, and administrators.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/roles.js';
import { forbidden, notFound } from '../common/problems.js';
import type { Learner } from './learner.entity.js';
import { LearningRepository } from './learning.repository.js';

@Injectable()
export class LearnerAccess {
  constructor(private readonly learning: LearningRepository) {}

  /** The learner if the caller may read the record; otherwise 404, so records of others do not leak. */
  async readable(learnerId: string, actor: Actor): Promise<Learner> {
    const learner = await this.learning.findLearner(learnerId);
    if (!learner || !(await this.mayRead(learner, actor))) throw notFound('Learner', learnerId);
    return learner;
  }

  /** Records training facts (manual evidence): HR of the employer, a registrar the learner trains with, admin. */
  async assessable(learnerId: string, actor: Actor): Promise<Learner> {
    const learner = await this.readable(learnerId, actor);
    if (actor.role === 'learner') throw forbidden('own_record_read_only', 'A learner cannot record evidence on their own record.');
    return learner;
  }

  /** Changes identity and job profiles: HR of the employer, admin. */
  async editable(learnerId: string, actor: Actor): Promise<Learner> {
    const learner = await this.readable(learnerId, actor);
    if (actor.role !== 'admin' && !(actor.role === 'hr_manager' && actor.institutionId === learner.employerInstitutionId)) {
      throw forbidden('not_employer', 'Only the employer’s HR managers or an administrator may change a learner’s record.');
    }
    return learner;
  }

  private async mayRead(learner: Learner, actor: Actor): Promise<boolean> {
    switch (actor.role) {
      case 'admin': return true;
      case 'learner': return learner.userId === actor.userId;
      case 'hr_manager': return learner.employerInstitutionId === actor.institutionId;
      case 'registrar': return !!actor.institutionId && (await this.learning.isEnrolledWith(learner.id, actor.institutionId));
    }
  }
}
