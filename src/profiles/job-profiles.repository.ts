// The only place that queries job profiles and their requirements.
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import { escapeLike, foldForSearch } from '../common/localized-text.js';
import { visibleTo } from '../frameworks/frameworks.repository.js';
import type { JobProfileListQuery } from './dto/job-profile.dto.js';
import { JobProfile, ProfileRequirement } from './job-profile.entity.js';

export type RequirementRow = Pick<ProfileRequirement, 'profileId' | 'itemId' | 'levelId' | 'essential' | 'position'>;

@Injectable()
export class JobProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A draft version in memory (the caller fills its content, then saves it): a new lineage or the next version. */
  newDraft(fields: DeepPartial<JobProfile>, manager: EntityManager): JobProfile {
    return manager.create(JobProfile, { ...fields, status: 'draft', publishedAt: null, retiredAt: null });
  }

  saveVersion(profile: JobProfile, manager: EntityManager): Promise<JobProfile> {
    return manager.save(profile);
  }

  /** Deletes a draft with its requirements (cascade). */
  async deleteVersion(profile: JobProfile, manager: EntityManager): Promise<void> {
    await manager.remove(profile);
  }

  findVersion(id: string, manager: EntityManager = this.dataSource.manager): Promise<JobProfile | null> {
    return manager.findOneBy(JobProfile, { id });
  }

  lockVersion(id: string, manager: EntityManager): Promise<JobProfile | null> {
    return manager.getRepository(JobProfile).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  findDraftOf(identifier: string, manager: EntityManager): Promise<JobProfile | null> {
    return manager.findOneBy(JobProfile, { identifier, status: 'draft' });
  }

  versionLabelTaken(identifier: string, version: string, manager: EntityManager): Promise<boolean> {
    return manager.existsBy(JobProfile, { identifier, version });
  }

  /** Another profile lineage of the same institution already uses the code. */
  async codeTakenByOtherLineage(
    ownerInstitutionId: string,
    code: string,
    identifier: string | undefined,
    manager: EntityManager,
  ): Promise<boolean> {
    const qb = manager
      .createQueryBuilder(JobProfile, 'p')
      .where('p.ownerInstitutionId = :ownerInstitutionId AND p.code = :code', { ownerInstitutionId, code });
    if (identifier) qb.andWhere('p.identifier <> :identifier', { identifier });
    return qb.getExists();
  }

  list(query: JobProfileListQuery, actor: Actor | undefined): Promise<[JobProfile[], number]> {
    const qb = this.dataSource.getRepository(JobProfile).createQueryBuilder('p');
    visibleTo(qb, 'p', actor);
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.ownerInstitutionId) qb.andWhere('p.ownerInstitutionId = :owner', { owner: query.ownerInstitutionId });
    if (query.code) qb.andWhere('p.code = :code', { code: query.code });
    if (query.q) qb.andWhere('p.searchText LIKE :pattern', { pattern: `%${escapeLike(foldForSearch(query.q))}%` });
    return qb.orderBy('p.code').addOrderBy('p.createdAt', 'DESC').limit(query.limit).offset(query.offset).getManyAndCount();
  }

  /** Requirements with their item, framework and level, in the profile's order. */
  findRequirements(profileId: string, manager: EntityManager = this.dataSource.manager): Promise<ProfileRequirement[]> {
    return manager.find(ProfileRequirement, {
      where: { profileId },
      relations: { item: true, level: true },
      order: { position: 'ASC' },
    });
  }

  async replaceRequirements(profileId: string, requirements: RequirementRow[], manager: EntityManager): Promise<void> {
    await manager.delete(ProfileRequirement, { profileId });
    if (requirements.length) await manager.insert(ProfileRequirement, requirements);
  }

  async copyRequirements(fromId: string, toId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO profile_requirement ("profileId", "itemId", "levelId", essential, position)
       SELECT $2, "itemId", "levelId", essential, position FROM profile_requirement WHERE "profileId" = $1`,
      [fromId, toId],
    );
  }
}
