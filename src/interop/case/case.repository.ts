// Queries behind the CASE package export and the CASE REST API. The API serves published versions only and, when
// several published versions share a CASE identifier, the newest one.
import { Injectable } from '@nestjs/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { FrameworkItem } from '../../frameworks/framework-item.entity.js';
import { Framework } from '../../frameworks/framework.entity.js';
import { ItemAssociation } from '../../frameworks/item-association.entity.js';
import { Institution } from '../../institutions/institution.entity.js';
import type { DefinitionKind } from './case-package.types.js';

@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest published version of each framework, one per identifier. */
  listPublishedDocuments(limit: number, offset: number): Promise<Framework[]> {
    return this.frameworks()
      .distinctOn(['f.identifier'])
      .orderBy('f.identifier')
      .addOrderBy('f.publishedAt', 'DESC')
      .limit(limit)
      .offset(offset)
      .getMany();
  }

  findPublishedDocument(identifier: string): Promise<Framework | null> {
    return this.frameworks().andWhere('f.identifier = :identifier', { identifier }).orderBy('f.publishedAt', 'DESC').limit(1).getOne();
  }

  findPublishedItem(identifier: string): Promise<FrameworkItem | null> {
    return this.items().andWhere('i.identifier = :identifier', { identifier }).orderBy('f.publishedAt', 'DESC').limit(1).getOne();
  }

  /** An item by the identifier of the isChildOf association an import kept for it. */
  findPublishedItemByChildOf(associationIdentifier: string): Promise<FrameworkItem | null> {
    return this.items()
      .andWhere(`i.extras -> 'caseChildOf' ->> 'identifier' = :associationIdentifier`, { associationIdentifier })
      .orderBy('f.publishedAt', 'DESC')
      .limit(1)
      .getOne();
  }

  findPublishedAssociation(identifier: string): Promise<ItemAssociation | null> {
    return this.dataSource
      .getRepository(ItemAssociation)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.framework', 'f')
      .innerJoinAndSelect('a.origin', 'o')
      .leftJoinAndSelect('a.destinationItem', 'd')
      .where(`f.status = 'published'`)
      .andWhere('a.identifier = :identifier', { identifier })
      .orderBy('f.publishedAt', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Items of one version, in no particular order. */
  findItems(frameworkId: string): Promise<FrameworkItem[]> {
    return this.dataSource.getRepository(FrameworkItem).findBy({ frameworkId });
  }

  findItemById(id: string): Promise<FrameworkItem | null> {
    return this.dataSource.getRepository(FrameworkItem).findOneBy({ id });
  }

  findChildren(parentId: string): Promise<FrameworkItem[]> {
    return this.dataSource.getRepository(FrameworkItem).find({ where: { parentId }, order: { position: 'ASC', identifier: 'ASC' } });
  }

  /** Associations of a version, with the destination item when it lies in another framework. */
  findAssociations(frameworkId: string): Promise<ItemAssociation[]> {
    return this.dataSource.getRepository(ItemAssociation).find({ where: { frameworkId }, relations: { destinationItem: true } });
  }

  /** Associations of a version that start or end at an item. */
  findAssociationsOfItem(frameworkId: string, itemId: string): Promise<ItemAssociation[]> {
    return this.dataSource
      .getRepository(ItemAssociation)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.origin', 'o')
      .leftJoinAndSelect('a.destinationItem', 'd')
      .where('a.frameworkId = :frameworkId', { frameworkId })
      .andWhere('(a.originId = :itemId OR a.destinationItemId = :itemId)', { itemId })
      .orderBy('a.identifier')
      .getMany();
  }

  /** The newest published version whose kept CASE objects (definitions, rubrics, foreign associations) include this identifier. */
  findPublishedHolding(kind: DefinitionKind | 'CFRubrics' | 'foreignAssociations', identifier: string): Promise<Framework | null> {
    // Definitions sit under extras.CFDefinitions; rubrics and foreign associations at the top of extras.
    const list = kind === 'CFRubrics' || kind === 'foreignAssociations' ? `f.extras -> '${kind}'` : `f.extras -> 'CFDefinitions' -> :kind`;
    return this.frameworks()
      .andWhere(
        `jsonb_typeof(${list}) = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements(${list}) e WHERE lower(e ->> 'identifier') = :identifier)`,
        { kind, identifier },
      )
      .orderBy('f.publishedAt', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Published versions that have items of a type, newest first. */
  findPublishedUsingItemType(itemType: string): Promise<Framework | null> {
    return this.frameworks()
      .andWhere('EXISTS (SELECT 1 FROM framework_item i WHERE i."frameworkId" = f.id AND i."itemType" = :itemType)', { itemType })
      .orderBy('f.publishedAt', 'DESC')
      .limit(1)
      .getOne();
  }

  async publishedItemTypes(): Promise<string[]> {
    const rows: { itemType: string }[] = await this.dataSource.query(
      `SELECT DISTINCT i."itemType" AS "itemType" FROM framework_item i JOIN framework f ON f.id = i."frameworkId" WHERE f.status = 'published'`,
    );
    return rows.map((row) => row.itemType);
  }

  /** Names of owner institutions, by id: the CASE creator of frameworks imported without one. */
  async institutionNames(ids: string[]): Promise<Map<string, Institution['name']>> {
    const institutions = ids.length ? await this.dataSource.getRepository(Institution).findBy({ id: In([...new Set(ids)]) }) : [];
    return new Map(institutions.map((institution) => [institution.id, institution.name]));
  }

  private frameworks(): SelectQueryBuilder<Framework> {
    return this.dataSource.getRepository(Framework).createQueryBuilder('f').where(`f.status = 'published'`);
  }

  private items(): SelectQueryBuilder<FrameworkItem> {
    return this.dataSource
      .getRepository(FrameworkItem)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.framework', 'f')
      .where(`f.status = 'published'`);
  }
}
