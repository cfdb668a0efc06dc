// Queries of framework tables one row at a time: versions, scales, items, associations and search. Set-based writes of
// a version's whole content (next version, import) live in framework-content.repository.ts.
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type DeepPartial, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { draftScope } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { escapeLike, foldForSearch } from '../common/localized-text.js';
import { FrameworkItem } from './framework-item.entity.js';
import { Framework } from './framework.entity.js';
import { ItemAssociation } from './item-association.entity.js';
import { ProficiencyLevel, ProficiencyScale } from './proficiency-scale.entity.js';
import type { FrameworkListQuery } from './dto/framework.dto.js';
import type { ItemSearchQuery } from './dto/item.dto.js';

@Injectable()
export class FrameworksRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findVersion(id: string, manager?: EntityManager): Promise<Framework | null> {
    return this.manager(manager).findOneBy(Framework, { id });
  }

  /** Locks the version row so concurrent edits and lifecycle changes queue behind each other. */
  lockVersion(id: string, manager: EntityManager): Promise<Framework | null> {
    return manager.getRepository(Framework).createQueryBuilder('f').setLock('pessimistic_write').where('f.id = :id', { id }).getOne();
  }

  findDraftOf(identifier: string, manager?: EntityManager): Promise<Framework | null> {
    return this.manager(manager).findOneBy(Framework, { identifier, status: 'draft' });
  }

  /**
   * Identifiers among these that a framework of another institution already uses, as its own identifier or as one of
   * an item, association or scale (the objects the CASE API serves by identifier).
   */
  async identifiersHeldByOthers(identifiers: string[], ownerInstitutionId: string, manager?: EntityManager): Promise<string[]> {
    if (!identifiers.length) return [];
    const rows: { identifier: string }[] = await this.manager(manager).query(
      `SELECT DISTINCT held.identifier::text FROM (
         SELECT f.identifier, f."ownerInstitutionId" FROM framework f WHERE f.identifier = ANY($1::uuid[])
         UNION ALL SELECT i.identifier, f."ownerInstitutionId" FROM framework_item i JOIN framework f ON f.id = i."frameworkId" WHERE i.identifier = ANY($1::uuid[])
         UNION ALL SELECT a.identifier, f."ownerInstitutionId" FROM item_association a JOIN framework f ON f.id = a."frameworkId" WHERE a.identifier = ANY($1::uuid[])
         UNION ALL SELECT s.identifier, f."ownerInstitutionId" FROM proficiency_scale s JOIN framework f ON f.id = s."frameworkId" WHERE s.identifier = ANY($1::uuid[])
       ) held WHERE held."ownerInstitutionId" <> $2`,
      [identifiers, ownerInstitutionId],
    );
    return rows.map((row) => row.identifier);
  }

  /** A new version row (always a draft: the lifecycle rules publish it later). */
  createVersion(fields: DeepPartial<Framework>, manager: EntityManager): Promise<Framework> {
    return manager.save(manager.create(Framework, { ...fields, status: 'draft', publishedAt: null, retiredAt: null }));
  }

  saveVersion(framework: Framework, manager: EntityManager): Promise<Framework> {
    return manager.save(framework);
  }

  /** Deletes a draft; its scales, items and associations go with it (cascade). */
  async deleteVersion(framework: Framework, manager: EntityManager): Promise<void> {
    await manager.remove(framework);
  }

  findVersionByLabel(identifier: string, version: string, manager: EntityManager): Promise<Framework | null> {
    return manager.findOneBy(Framework, { identifier, version });
  }

  versionLabelTaken(identifier: string, version: string, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).existsBy(Framework, { identifier, version });
  }

  async listVersions(query: FrameworkListQuery, actor: Actor | undefined): Promise<[Framework[], number]> {
    const qb = this.manager().getRepository(Framework).createQueryBuilder('f');
    visibleTo(qb, 'f', actor);
    if (query.status) qb.andWhere('f.status = :status', { status: query.status });
    if (query.ownerInstitutionId) qb.andWhere('f.ownerInstitutionId = :owner', { owner: query.ownerInstitutionId });
    if (query.identifier) qb.andWhere('f.identifier = :identifier', { identifier: query.identifier });
    return qb.orderBy('f.createdAt', 'DESC').addOrderBy('f.id').limit(query.limit).offset(query.offset).getManyAndCount();
  }

  findScales(frameworkId: string, manager?: EntityManager): Promise<ProficiencyScale[]> {
    return this.manager(manager).find(ProficiencyScale, {
      where: { frameworkId },
      relations: { levels: true },
      order: { position: 'ASC', levels: { rank: 'ASC' } },
    });
  }

  /** Scales (with levels) of several framework versions, for resolving required levels in bulk. */
  findScalesOfFrameworks(frameworkIds: string[], manager?: EntityManager): Promise<ProficiencyScale[]> {
    if (!frameworkIds.length) return Promise.resolve([]);
    return this.manager(manager).find(ProficiencyScale, {
      where: { frameworkId: In(frameworkIds) },
      relations: { levels: true },
      order: { position: 'ASC', levels: { rank: 'ASC' } },
    });
  }

  findScale(frameworkId: string, scaleId: string, manager?: EntityManager): Promise<ProficiencyScale | null> {
    return this.manager(manager).findOneBy(ProficiencyScale, { id: scaleId, frameworkId });
  }

  /** A scale with its levels, placed after the framework's other scales. */
  async addScale(
    scale: DeepPartial<ProficiencyScale>,
    levels: DeepPartial<ProficiencyLevel>[],
    manager: EntityManager,
  ): Promise<ProficiencyScale> {
    const saved = await manager.save(
      manager.create(ProficiencyScale, { ...scale, position: await this.nextScalePosition(scale.frameworkId!, manager) }),
    );
    saved.levels = await manager.save(levels.map((level) => manager.create(ProficiencyLevel, { ...level, scaleId: saved.id })));
    return saved;
  }

  async deleteScale(scale: ProficiencyScale, manager: EntityManager): Promise<void> {
    await manager.remove(scale);
  }

  private async nextScalePosition(frameworkId: string, manager: EntityManager): Promise<number> {
    const row = await manager
      .createQueryBuilder(ProficiencyScale, 's')
      .select('COALESCE(MAX(s.position) + 1, 0)', 'next')
      .where('s.frameworkId = :frameworkId', { frameworkId })
      .getRawOne<{ next: number }>();
    return Number(row?.next ?? 0);
  }

  countItems(frameworkId: string, manager?: EntityManager): Promise<number> {
    return this.manager(manager).countBy(FrameworkItem, { frameworkId });
  }

  findItem(frameworkId: string, itemId: string, manager?: EntityManager): Promise<FrameworkItem | null> {
    return this.manager(manager).findOneBy(FrameworkItem, { id: itemId, frameworkId });
  }

  findItemById(itemId: string, manager?: EntityManager): Promise<FrameworkItem | null> {
    return this.manager(manager).findOne(FrameworkItem, { where: { id: itemId }, relations: { framework: true } });
  }

  findItemsByIds(ids: string[], manager?: EntityManager): Promise<FrameworkItem[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(FrameworkItem)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.framework', 'f')
      .where('i.id IN (:...ids)', { ids })
      .getMany();
  }

  findAllItems(frameworkId: string): Promise<FrameworkItem[]> {
    return this.manager().find(FrameworkItem, { where: { frameworkId }, order: { position: 'ASC', code: 'ASC' } });
  }

  addItem(fields: DeepPartial<FrameworkItem>, manager: EntityManager): Promise<FrameworkItem> {
    return manager.save(manager.create(FrameworkItem, fields));
  }

  saveItem(item: FrameworkItem, manager: EntityManager): Promise<FrameworkItem> {
    return manager.save(item);
  }

  async deleteItem(item: FrameworkItem, manager: EntityManager): Promise<void> {
    await manager.remove(item);
  }

  itemCodeTaken(frameworkId: string, code: string, exceptItemId: string | undefined, manager: EntityManager): Promise<boolean> {
    const qb = manager
      .createQueryBuilder(FrameworkItem, 'i')
      .where('i.frameworkId = :frameworkId AND i.code = :code', { frameworkId, code });
    if (exceptItemId) qb.andWhere('i.id <> :exceptItemId', { exceptItemId });
    return qb.getExists();
  }

  itemIdentifierTaken(frameworkId: string, identifier: string, manager: EntityManager): Promise<boolean> {
    return manager.existsBy(FrameworkItem, { frameworkId, identifier });
  }

  hasChildren(itemId: string, manager: EntityManager): Promise<boolean> {
    return manager.existsBy(FrameworkItem, { parentId: itemId });
  }

  async nextItemPosition(frameworkId: string, parentId: string | null, manager: EntityManager): Promise<number> {
    const qb = manager
      .createQueryBuilder(FrameworkItem, 'i')
      .select('COALESCE(MAX(i.position) + 1, 0)', 'next')
      .where('i.frameworkId = :frameworkId', { frameworkId });
    qb.andWhere(parentId ? 'i.parentId = :parentId' : 'i.parentId IS NULL', { parentId });
    return Number((await qb.getRawOne<{ next: number }>())?.next ?? 0);
  }

  /** Whether `candidate` lies in the subtree of `itemId` (itself included): making it the parent would close a cycle. */
  async isInSubtree(itemId: string, candidate: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH RECURSIVE subtree(id) AS (
         SELECT id FROM framework_item WHERE id = $1
         UNION
         SELECT child.id FROM framework_item child JOIN subtree ON child."parentId" = subtree.id
       )
       SELECT 1 FROM subtree WHERE id = $2 LIMIT 1`,
      [itemId, candidate],
    );
    return rows.length > 0;
  }

  async searchItems(query: ItemSearchQuery, actor: Actor | undefined): Promise<[FrameworkItem[], number]> {
    const qb = this.manager().getRepository(FrameworkItem).createQueryBuilder('i').innerJoin('i.framework', 'f');
    if (query.frameworkId) {
      qb.where('i.frameworkId = :frameworkId', { frameworkId: query.frameworkId });
      visibleTo(qb, 'f', actor);
    } else {
      qb.where(`f.status = 'published'`);
    }
    if (query.kind) qb.andWhere('i.kind = :kind', { kind: query.kind });
    if (query.itemType) qb.andWhere('i.itemType = :itemType', { itemType: query.itemType });
    if (query.q) {
      const q = foldForSearch(query.q);
      // Substring matches first, then fuzzy word similarity (typos, inflections); both use the trigram index.
      qb.andWhere(new Brackets((w) => w.where('i.searchText LIKE :pattern').orWhere(':q <% i.searchText')), {
        pattern: `%${escapeLike(q)}%`,
        q,
      });
      qb.addSelect('(i.searchText LIKE :pattern)', 'substring_match').addSelect('word_similarity(:q, i.searchText)', 'similarity');
      qb.orderBy('substring_match', 'DESC').addOrderBy('similarity', 'DESC');
    } else {
      qb.orderBy('i.frameworkId').addOrderBy('i.position');
    }
    qb.addOrderBy('i.code', 'ASC', 'NULLS LAST').addOrderBy('i.id');
    // The join is many-to-one, so plain LIMIT/OFFSET pages correctly.
    return qb.limit(query.limit).offset(query.offset).getManyAndCount();
  }

  findAssociations(frameworkId: string, manager?: EntityManager): Promise<ItemAssociation[]> {
    return this.manager(manager).find(ItemAssociation, { where: { frameworkId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findAssociation(frameworkId: string, id: string, manager?: EntityManager): Promise<ItemAssociation | null> {
    return this.manager(manager).findOneBy(ItemAssociation, { id, frameworkId });
  }

  addAssociation(fields: DeepPartial<ItemAssociation>, manager: EntityManager): Promise<ItemAssociation> {
    return manager.save(manager.create(ItemAssociation, fields));
  }

  async deleteAssociation(association: ItemAssociation, manager: EntityManager): Promise<void> {
    await manager.remove(association);
  }

  levelsOf(scaleId: string, manager?: EntityManager): Promise<ProficiencyLevel[]> {
    return this.manager(manager).find(ProficiencyLevel, { where: { scaleId }, order: { rank: 'ASC' } });
  }
}

/** Published and retired versions are public; drafts as the access policy's draft scope says. */
export function visibleTo<T extends object>(qb: SelectQueryBuilder<T>, alias: string, actor: Actor | undefined): SelectQueryBuilder<T> {
  const drafts = draftScope(actor);
  if (drafts && 'every' in drafts) return qb;
  if (drafts)
    return qb.andWhere(`(${alias}.status <> 'draft' OR ${alias}.ownerInstitutionId = :actorInstitution)`, {
      actorInstitution: drafts.ownerInstitutionId,
    });
  return qb.andWhere(`${alias}.status <> 'draft'`);
}
