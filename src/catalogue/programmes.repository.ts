// The only place that queries programmes and their structure (awarding schools, elective groups, modules).
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, EntityManager, In } from 'typeorm';
import { codeOrTitleContains } from './catalogue-search.js';
import type { ProgrammeListQuery } from './dto/programme.dto.js';
import { ElectiveGroup, Programme, ProgrammeAward, ProgrammeModule } from './programme.entity.js';
import { TrainingSession } from './training-session.entity.js';

/** The structure as written: awarding schools in order, groups, and modules in order naming their group by code. */
export interface ProgrammeStructure {
  awardingInstitutionIds: string[];
  electiveGroups: { code: string; minimumModules: number }[];
  modules: { moduleId: string; electiveGroup: string | null; prerequisites: string[] }[];
}

@Injectable()
export class ProgrammesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  addProgramme(fields: DeepPartial<Programme>, manager: EntityManager): Promise<Programme> {
    return manager.save(manager.create(Programme, fields));
  }

  saveProgramme(programme: Programme, manager: EntityManager): Promise<Programme> {
    return manager.save(programme);
  }

  async deleteProgramme(programme: Programme, manager: EntityManager): Promise<void> {
    await manager.remove(programme);
  }

  findProgramme(id: string, manager: EntityManager = this.dataSource.manager): Promise<Programme | null> {
    return manager.findOneBy(Programme, { id });
  }

  lockProgramme(id: string, manager: EntityManager): Promise<Programme | null> {
    return manager.getRepository(Programme).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  /** Programmes with awarding schools (names loaded), elective groups and modules (module rows loaded), in the order of `ids`. */
  async findDetails(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Programme[]> {
    if (!ids.length) return [];
    const programmes = await manager.find(Programme, {
      where: { id: In(ids) },
      relations: { awards: { institution: true }, electiveGroups: true, modules: { module: true } },
      order: { awards: { position: 'ASC' }, modules: { position: 'ASC' } },
    });
    const byId = new Map(programmes.map((programme) => [programme.id, programme]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async list(query: ProgrammeListQuery): Promise<[string[], number]> {
    const qb = this.dataSource.getRepository(Programme).createQueryBuilder('p').select('p.id', 'id');
    if (query.ownerInstitutionId) qb.andWhere('p.ownerInstitutionId = :owner', { owner: query.ownerInstitutionId });
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere(...codeOrTitleContains('p', query.q));
    if (query.awardingInstitutionId) {
      qb.andWhere(`EXISTS (SELECT 1 FROM programme_award a WHERE a."programmeId" = p.id AND a."institutionId" = :awarding)`, {
        awarding: query.awardingInstitutionId,
      });
    }
    if (query.moduleId) {
      qb.andWhere(`EXISTS (SELECT 1 FROM programme_module pm WHERE pm."programmeId" = p.id AND pm."moduleId" = :moduleId)`, {
        moduleId: query.moduleId,
      });
    }
    const total = await qb.getCount();
    const rows = await qb.orderBy('p.code').addOrderBy('p.id').limit(query.limit).offset(query.offset).getRawMany<{ id: string }>();
    return [rows.map((row) => row.id), total];
  }

  codeTaken(ownerInstitutionId: string, code: string, exceptId: string | undefined, manager: EntityManager): Promise<boolean> {
    const qb = manager
      .createQueryBuilder(Programme, 'p')
      .where('p.ownerInstitutionId = :ownerInstitutionId AND p.code = :code', { ownerInstitutionId, code });
    if (exceptId) qb.andWhere('p.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  async findStructure(programmeId: string, manager: EntityManager): Promise<ProgrammeStructure> {
    const awards = await manager.find(ProgrammeAward, { where: { programmeId }, order: { position: 'ASC' } });
    const groups = await manager.find(ElectiveGroup, { where: { programmeId }, order: { code: 'ASC' } });
    const modules = await manager.find(ProgrammeModule, { where: { programmeId }, order: { position: 'ASC' } });
    const codeOf = new Map(groups.map((group) => [group.id, group.code]));
    return {
      awardingInstitutionIds: awards.map((award) => award.institutionId),
      electiveGroups: groups.map((group) => ({ code: group.code, minimumModules: group.minimumModules })),
      modules: modules.map((entry) => ({
        moduleId: entry.moduleId,
        electiveGroup: entry.electiveGroupId ? codeOf.get(entry.electiveGroupId)! : null,
        prerequisites: entry.prerequisiteModuleIds,
      })),
    };
  }

  /** Rewrites the whole structure; the caller has validated it. */
  async replaceStructure(programmeId: string, structure: ProgrammeStructure, manager: EntityManager): Promise<void> {
    await manager.delete(ProgrammeModule, { programmeId });
    await manager.delete(ElectiveGroup, { programmeId });
    await manager.delete(ProgrammeAward, { programmeId });
    await manager.insert(
      ProgrammeAward,
      structure.awardingInstitutionIds.map((institutionId, position) => ({ programmeId, institutionId, position })),
    );
    const groups = await manager.save(structure.electiveGroups.map((group) => manager.create(ElectiveGroup, { programmeId, ...group })));
    const groupId = new Map(groups.map((group) => [group.code, group.id]));
    await manager.insert(
      ProgrammeModule,
      structure.modules.map((entry, position) => ({
        programmeId,
        moduleId: entry.moduleId,
        position,
        electiveGroupId: entry.electiveGroup ? groupId.get(entry.electiveGroup)! : null,
        prerequisiteModuleIds: entry.prerequisites,
      })),
    );
  }

  countSessions(programmeId: string, manager: EntityManager): Promise<number> {
    return manager.countBy(TrainingSession, { programmeId });
  }
}
