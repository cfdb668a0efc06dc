// Queries on learners and their records: enrolments, assessments and evidence.
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type DeepPartial, EntityManager } from 'typeorm';
import { TrainingModule } from '../catalogue/training-module.entity.js';
import { TrainingSession } from '../catalogue/training-session.entity.js';
import { escapeLike } from '../common/localized-text.js';
import { Assessment } from './assessment.entity.js';
import type { LearnerScope } from '../auth/access-scopes.js';
import type { LearnerListQuery } from './dto/learner.dto.js';
import { Enrolment } from './enrolment.entity.js';
import { Evidence } from './evidence.entity.js';
import { Learner } from './learner.entity.js';

@Injectable()
export class LearningRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findLearner(id: string, manager?: EntityManager): Promise<Learner | null> {
    return this.manager(manager).findOneBy(Learner, { id });
  }

  /** A learner in memory, for the caller to fill and check before `saveLearner`. */
  newLearner(employerInstitutionId: string, manager: EntityManager): Learner {
    return manager.create(Learner, {
      employerInstitutionId,
      staffNumber: null,
      email: null,
      currentProfileId: null,
      targetProfileId: null,
      userId: null,
    });
  }

  saveLearner(learner: Learner, manager: EntityManager): Promise<Learner> {
    return manager.save(learner);
  }

  findLearnerByUser(userId: string): Promise<Learner | null> {
    return this.manager().findOneBy(Learner, { userId });
  }

  findLearnerByEmailOrStaffNumber(key: string, manager: EntityManager): Promise<Learner[]> {
    return manager
      .getRepository(Learner)
      .createQueryBuilder('l')
      .where('lower(l.email) = lower(:key) OR l.staffNumber = :key', { key })
      .limit(2)
      .getMany();
  }

  staffNumberTaken(
    employerInstitutionId: string,
    staffNumber: string,
    exceptId: string | undefined,
    manager: EntityManager,
  ): Promise<boolean> {
    const qb = manager
      .createQueryBuilder(Learner, 'l')
      .where('l.employerInstitutionId = :employerInstitutionId AND l.staffNumber = :staffNumber', { employerInstitutionId, staffNumber });
    if (exceptId) qb.andWhere('l.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  userLinked(userId: string, exceptId: string | undefined, manager: EntityManager): Promise<boolean> {
    const qb = manager.createQueryBuilder(Learner, 'l').where('l.userId = :userId', { userId });
    if (exceptId) qb.andWhere('l.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  listLearners(query: LearnerListQuery, scope: LearnerScope): Promise<[Learner[], number]> {
    const qb = this.manager().getRepository(Learner).createQueryBuilder('l');
    if (scope.employerInstitutionId)
      qb.andWhere('l.employerInstitutionId = :scopeEmployer', { scopeEmployer: scope.employerInstitutionId });
    if (scope.userId) qb.andWhere('l.userId = :scopeUser', { scopeUser: scope.userId });
    if (scope.trainingWithInstitutionId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM enrolment e JOIN training_session s ON s.id = e."sessionId"
        WHERE e."learnerId" = l.id AND s."institutionId" = :scopeSchool AND e.consent = 'accepted' AND e.status <> 'withdrawn')`,
        { scopeSchool: scope.trainingWithInstitutionId },
      );
    }
    if (query.employerInstitutionId) qb.andWhere('l.employerInstitutionId = :employer', { employer: query.employerInstitutionId });
    if (query.q) {
      const pattern = `%${escapeLike(query.q)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`(l.givenName || ' ' || l.familyName) ILIKE :pattern`)
            .orWhere('l.email ILIKE :pattern')
            .orWhere('l.staffNumber ILIKE :pattern'),
        ),
        { pattern },
      );
    }
    return qb
      .orderBy('l.familyName')
      .addOrderBy('l.givenName')
      .addOrderBy('l.id')
      .limit(query.limit)
      .offset(query.offset)
      .getManyAndCount();
  }

  /** The session row locked, so concurrent enrolments queue up behind the capacity check. */
  lockSession(id: string, manager: EntityManager): Promise<TrainingSession | null> {
    return manager.getRepository(TrainingSession).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
  }

  findSession(id: string, manager?: EntityManager): Promise<TrainingSession | null> {
    return this.manager(manager).findOneBy(TrainingSession, { id });
  }

  /** A first enrolment of the learner in the session, in memory (status and consent are the caller's to set). */
  newEnrolment(sessionId: string, learnerId: string, manager: EntityManager): Enrolment {
    return manager.create(Enrolment, { sessionId, learnerId, attendanceRate: null, completedAt: null });
  }

  /** Saves the enrolment's own columns: a loaded session is left out, so it is never written through the relation. */
  saveEnrolment(enrolment: Enrolment, manager: EntityManager): Promise<Enrolment> {
    if (!enrolment.session) return manager.save(enrolment);
    const { session: _session, ...row } = enrolment;
    return manager.save(Enrolment, row);
  }

  addAssessment(fields: DeepPartial<Assessment>, manager: EntityManager): Promise<Assessment> {
    return manager.save(manager.create(Assessment, fields));
  }

  addEvidence(fields: DeepPartial<Evidence>, manager: EntityManager): Promise<Evidence> {
    return manager.save(manager.create(Evidence, fields));
  }

  countActiveEnrolments(sessionId: string, manager: EntityManager): Promise<number> {
    return manager
      .createQueryBuilder(Enrolment, 'e')
      .where(`e.sessionId = :sessionId AND e.status <> 'withdrawn'`, { sessionId })
      .getCount();
  }

  findEnrolment(sessionId: string, learnerId: string, manager?: EntityManager): Promise<Enrolment | null> {
    return this.manager(manager).findOneBy(Enrolment, { sessionId, learnerId });
  }

  findEnrolmentById(id: string, manager?: EntityManager): Promise<Enrolment | null> {
    return this.manager(manager).findOne(Enrolment, { where: { id }, relations: { session: true } });
  }

  lockEnrolment(id: string, manager: EntityManager): Promise<Enrolment | null> {
    return manager.getRepository(Enrolment).createQueryBuilder('e').setLock('pessimistic_write').where('e.id = :id', { id }).getOne();
  }

  listEnrolments(sessionId: string): Promise<Enrolment[]> {
    return this.manager().find(Enrolment, { where: { sessionId }, order: { createdAt: 'ASC' } });
  }

  listLearnerEnrolments(learnerId: string): Promise<Enrolment[]> {
    return this.manager().find(Enrolment, { where: { learnerId }, relations: { session: true }, order: { createdAt: 'DESC' } });
  }

  /** The most recent enrolment of a learner in a session of a module (for result imports naming a module). */
  findEnrolmentInModule(
    learnerId: string,
    moduleId: string,
    organiserId: string | null,
    manager: EntityManager,
  ): Promise<Enrolment | null> {
    const qb = manager
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.session', 's')
      .where('e.learnerId = :learnerId AND s.moduleId = :moduleId', { learnerId, moduleId });
    if (organiserId) qb.andWhere('s.institutionId = :organiserId', { organiserId });
    return qb.orderBy('s.startsOn', 'DESC').getOne();
  }

  findModulesByCode(code: string, manager: EntityManager): Promise<TrainingModule[]> {
    return manager.find(TrainingModule, { where: { code } });
  }

  listSessionAssessments(sessionId: string): Promise<Assessment[]> {
    return this.manager()
      .getRepository(Assessment)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.enrolment', 'e')
      .where('e.sessionId = :sessionId', { sessionId })
      .orderBy('a.assessedAt')
      .getMany();
  }

  listEvidence(learnerId: string): Promise<Evidence[]> {
    return this.manager().find(Evidence, {
      where: { learnerId },
      relations: { item: true, level: true },
      order: { observedAt: 'DESC', createdAt: 'DESC' },
    });
  }

  /** Evidence for every outcome of a module, once per enrolment and item (re-completing changes nothing). */
  async recordModuleEvidence(
    enrolment: Enrolment,
    moduleId: string,
    assessmentId: string | null,
    observedAt: Date,
    manager: EntityManager,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO evidence ("learnerId", "itemId", "itemIdentifier", "levelId", "levelRank", source, "enrolmentId", "assessmentId", "moduleId", "observedAt")
       SELECT $1, o."itemId", o."itemIdentifier", o."levelId", o."levelRank", $6, $2, $3, $4, $5
       FROM learning_outcome o WHERE o."moduleId" = $4
       ON CONFLICT ("enrolmentId", "itemIdentifier") WHERE "enrolmentId" IS NOT NULL DO NOTHING
       RETURNING id`,
      [enrolment.learnerId, enrolment.id, assessmentId, moduleId, observedAt, assessmentId ? 'assessment' : 'module_completion'],
    );
    return rows.length;
  }

  /** Current level per item identifier: the highest level proved (most recent evidence on ties). */
  async currentLevels(learnerId: string, manager?: EntityManager): Promise<Map<string, number>> {
    const rows: { itemIdentifier: string; level: number }[] = await this.manager(manager).query(
      `SELECT "itemIdentifier", MAX("levelRank") AS level FROM evidence WHERE "learnerId" = $1 GROUP BY "itemIdentifier"`,
      [learnerId],
    );
    return new Map(rows.map((row) => [row.itemIdentifier, Number(row.level)]));
  }
}
