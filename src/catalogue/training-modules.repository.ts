// The only place that queries training modules, their learning outcomes and providers.
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, EntityManager, In } from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';
import { Evidence } from '../learning/evidence.entity.js';
import { codeOrTitleContains } from './catalogue-search.js';
import type { TrainingModuleListQuery } from './dto/training-module.dto.js';
import { ProgrammeModule } from './programme.entity.js';
import { LearningOutcome, TrainingModule, type Modality } from './training-module.entity.js';
import { deliveryNeeds } from './session-rules.js';
import { TrainingSession } from './training-session.entity.js';

export type OutcomeRow = Pick<
  LearningOutcome,
  'moduleId' | 'position' | 'description' | 'itemId' | 'itemIdentifier' | 'levelId' | 'levelRank'
>;

export interface ModuleUsage {
  sessions: number;
  programmes: number;
  evidence: number;
}

@Injectable()
export class TrainingModulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  addModule(fields: DeepPartial<TrainingModule>, manager: EntityManager): Promise<TrainingModule> {
    return manager.save(manager.create(TrainingModule, fields));
  }

  saveModule(module: TrainingModule, manager: EntityManager): Promise<TrainingModule> {
    return manager.save(module);
  }

  /** Outcomes live in their own table: changing them is a change of the module too, made `at`. */
  async touchModule(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(TrainingModule, { id }, { updatedAt: at });
  }

  async deleteModule(module: TrainingModule, manager: EntityManager): Promise<void> {
    await manager.remove(module);
  }

  findModule(id: string, manager: EntityManager = this.dataSource.manager): Promise<TrainingModule | null> {
    return manager.findOneBy(TrainingModule, { id });
  }

  findModulesByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<TrainingModule[]> {
    return ids.length ? manager.findBy(TrainingModule, { id: In(ids) }) : Promise.resolve([]);
  }

  /** Locks the module row so concurrent edits queue behind each other. */
  lockModule(id: string, manager: EntityManager): Promise<TrainingModule | null> {
    return manager.getRepository(TrainingModule).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
  }

  /** Modules with their providers and outcomes (item and level loaded), in the order of `ids`. */
  async findDetails(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<TrainingModule[]> {
    if (!ids.length) return [];
    const modules = await manager.find(TrainingModule, {
      where: { id: In(ids) },
      relations: { providers: true, outcomes: { item: true, level: true } },
      order: { outcomes: { position: 'ASC' } },
    });
    const byId = new Map(modules.map((module) => [module.id, module]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async list(query: TrainingModuleListQuery): Promise<[string[], number]> {
    const qb = this.dataSource.getRepository(TrainingModule).createQueryBuilder('m').select('m.id', 'id');
    if (query.ownerInstitutionId) qb.andWhere('m.ownerInstitutionId = :owner', { owner: query.ownerInstitutionId });
    if (query.modality) qb.andWhere('m.modality = :modality', { modality: query.modality });
    if (query.q) {
      qb.andWhere(...codeOrTitleContains('m', query.q));
    }
    if (query.itemIdentifier) {
      // EXISTS rather than a join: a module with several outcomes on the competency is still one row of the page.
      qb.andWhere(
        `EXISTS (SELECT 1 FROM learning_outcome o WHERE o."moduleId" = m.id AND o."itemIdentifier" = :itemIdentifier AND o."levelRank" >= :minLevel)`,
        { itemIdentifier: query.itemIdentifier, minLevel: query.minLevel ?? 1 },
      );
    }
    const total = await qb.getCount();
    const rows = await qb.orderBy('m.code').addOrderBy('m.id').limit(query.limit).offset(query.offset).getRawMany<{ id: string }>();
    return [rows.map((row) => row.id), total];
  }

  codeTaken(ownerInstitutionId: string, code: string, exceptId: string | undefined, manager: EntityManager): Promise<boolean> {
    const qb = manager
      .createQueryBuilder(TrainingModule, 'm')
      .where('m.ownerInstitutionId = :ownerInstitutionId AND m.code = :code', { ownerInstitutionId, code });
    if (exceptId) qb.andWhere('m.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  /** The ids among `ids` that name an institution. */
  async existingInstitutionIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    return new Set(
      (await manager.find(Institution, { select: { id: true }, where: { id: In(ids) } })).map((institution) => institution.id),
    );
  }

  async replaceProviders(moduleId: string, institutionIds: string[], manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM training_module_provider WHERE "moduleId" = $1`, [moduleId]);
    await manager.query(`INSERT INTO training_module_provider ("moduleId", "institutionId") SELECT $1, unnest($2::uuid[])`, [
      moduleId,
      institutionIds,
    ]);
  }

  async replaceOutcomes(moduleId: string, outcomes: OutcomeRow[], manager: EntityManager): Promise<void> {
    await manager.delete(LearningOutcome, { moduleId });
    if (outcomes.length) await manager.insert(LearningOutcome, outcomes);
  }

  /** What still points at the module: it can be deleted only when nothing does. */
  async usage(moduleId: string, manager: EntityManager): Promise<ModuleUsage> {
    return {
      sessions: await manager.countBy(TrainingSession, { moduleId }),
      programmes: await manager.countBy(ProgrammeModule, { moduleId }),
      evidence: await manager.countBy(Evidence, { moduleId }),
    };
  }

  /** Codes of the module's sessions that lack what `modality` needs (a place, or an online link). */
  async sessionsUnfitFor(moduleId: string, modality: Modality, manager: EntityManager): Promise<string[]> {
    const needs = deliveryNeeds([modality]);
    const missing = [needs.place && 's.place IS NULL', needs.onlineUrl && 's.onlineUrl IS NULL'].filter(Boolean).join(' OR ');
    if (!missing) return [];
    const rows = await manager
      .createQueryBuilder(TrainingSession, 's')
      .select('s.code', 'code')
      .where('s.moduleId = :moduleId', { moduleId })
      .andWhere(`(${missing})`)
      .orderBy('s.startsOn')
      .getRawMany<{ code: string }>();
    return rows.map((row) => row.code);
  }
}
