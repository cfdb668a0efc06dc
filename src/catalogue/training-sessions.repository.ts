// The only place that queries training sessions and the enrolments counted against their seats.
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, EntityManager, In } from 'typeorm';
import { Enrolment } from '../learning/enrolment.entity.js';
import type { TrainingSessionListQuery } from './dto/training-session.dto.js';
import { TrainingSession } from './training-session.entity.js';

@Injectable()
export class TrainingSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  addSession(fields: DeepPartial<TrainingSession>, manager: EntityManager): Promise<TrainingSession> {
    return manager.save(manager.create(TrainingSession, fields));
  }

  saveSession(session: TrainingSession, manager: EntityManager): Promise<TrainingSession> {
    return manager.save(session);
  }

  async deleteSession(session: TrainingSession, manager: EntityManager): Promise<void> {
    await manager.remove(session);
  }

  findSession(id: string, manager: EntityManager = this.dataSource.manager): Promise<TrainingSession | null> {
    return manager.findOneBy(TrainingSession, { id });
  }

  lockSession(id: string, manager: EntityManager): Promise<TrainingSession | null> {
    return manager.getRepository(TrainingSession).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
  }

  /** Sessions with their module or programme loaded, in the order of `ids`. */
  async findDetails(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<TrainingSession[]> {
    if (!ids.length) return [];
    const sessions = await manager.find(TrainingSession, { where: { id: In(ids) }, relations: { module: true, programme: true } });
    const byId = new Map(sessions.map((session) => [session.id, session]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async list(query: TrainingSessionListQuery): Promise<[string[], number]> {
    const qb = this.dataSource.getRepository(TrainingSession).createQueryBuilder('s').select('s.id', 'id');
    if (query.institutionId) qb.andWhere('s.institutionId = :institutionId', { institutionId: query.institutionId });
    if (query.moduleId) qb.andWhere('s.moduleId = :moduleId', { moduleId: query.moduleId });
    if (query.programmeId) qb.andWhere('s.programmeId = :programmeId', { programmeId: query.programmeId });
    if (query.startsFrom) qb.andWhere('s.startsOn >= :startsFrom', { startsFrom: query.startsFrom });
    if (query.startsUntil) qb.andWhere('s.startsOn <= :startsUntil', { startsUntil: query.startsUntil });
    const total = await qb.getCount();
    const rows = await qb
      .orderBy('s.startsOn')
      .addOrderBy('s.code')
      .addOrderBy('s.id')
      .limit(query.limit)
      .offset(query.offset)
      .getRawMany<{ id: string }>();
    return [rows.map((row) => row.id), total];
  }

  /** The organiser's sessions starting in `year`, with module or programme loaded, by start date. */
  sessionsStartingIn(institutionId: string, year: number): Promise<TrainingSession[]> {
    return this.dataSource
      .getRepository(TrainingSession)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.module', 'module')
      .leftJoinAndSelect('s.programme', 'programme')
      .where('s.institutionId = :institutionId', { institutionId })
      .andWhere('s.startsOn >= :from AND s.startsOn < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` })
      .orderBy('s.startsOn')
      .addOrderBy('s.code')
      .addOrderBy('s.id')
      .getMany();
  }

  codeTaken(institutionId: string, code: string, exceptId: string | undefined, manager: EntityManager): Promise<boolean> {
    const qb = manager
      .createQueryBuilder(TrainingSession, 's')
      .where('s.institutionId = :institutionId AND s.code = :code', { institutionId, code });
    if (exceptId) qb.andWhere('s.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  /** Learners holding a seat (any status but withdrawn), per session; sessions without any are absent. */
  async enrolledCounts(sessionIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (!sessionIds.length) return new Map();
    const rows = await manager
      .createQueryBuilder(Enrolment, 'e')
      .select('e.sessionId', 'sessionId')
      .addSelect('COUNT(*)', 'count')
      .where('e.sessionId IN (:...sessionIds)', { sessionIds })
      .andWhere(`e.status <> 'withdrawn'`)
      .groupBy('e.sessionId')
      .getRawMany<{ sessionId: string; count: string }>();
    return new Map(rows.map((row) => [row.sessionId, Number(row.count)]));
  }

  /** Every enrolment, withdrawn ones included: they are part of a learner's history. */
  hasEnrolments(sessionId: string, manager: EntityManager): Promise<boolean> {
    return manager.existsBy(Enrolment, { sessionId });
  }
}
