// Set-based writes of a framework version's whole content: the copy into a next version, and the import's batched
// inserts (a CASE file can hold tens of thousands of items). Row-at-a-time queries stay in frameworks.repository.ts.
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { FrameworkItem } from './framework-item.entity.js';
import { ItemAssociation } from './item-association.entity.js';
import { ProficiencyLevel, ProficiencyScale } from './proficiency-scale.entity.js';

const BATCH = 1000;

@Injectable()
export class FrameworkContentRepository {
  /** Copies scales, levels, items (tree included) and associations into a new version, keeping identifiers; set-based. */
  async copyContent(fromId: string, toId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO proficiency_scale ("frameworkId", identifier, code, title, position)
       SELECT $2, identifier, code, title, position FROM proficiency_scale WHERE "frameworkId" = $1`,
      [fromId, toId],
    );
    await manager.query(
      `INSERT INTO proficiency_level ("scaleId", identifier, rank, code, label, description)
       SELECT ns.id, l.identifier, l.rank, l.code, l.label, l.description
       FROM proficiency_level l
       JOIN proficiency_scale os ON os.id = l."scaleId" AND os."frameworkId" = $1
       JOIN proficiency_scale ns ON ns."frameworkId" = $2 AND ns.identifier = os.identifier`,
      [fromId, toId],
    );
    await manager.query(
      `INSERT INTO framework_item ("frameworkId", identifier, uri, position, code, "itemType", kind, label, description, "scaleId", "searchText", extras)
       SELECT $2, i.identifier, i.uri, i.position, i.code, i."itemType", i.kind, i.label, i.description, ns.id, i."searchText", i.extras
       FROM framework_item i
       LEFT JOIN proficiency_scale os ON os.id = i."scaleId"
       LEFT JOIN proficiency_scale ns ON ns."frameworkId" = $2 AND ns.identifier = os.identifier
       WHERE i."frameworkId" = $1`,
      [fromId, toId],
    );
    await manager.query(
      `UPDATE framework_item n SET "parentId" = np.id
       FROM framework_item o
       JOIN framework_item op ON op.id = o."parentId"
       JOIN framework_item np ON np."frameworkId" = $2 AND np.identifier = op.identifier
       WHERE o."frameworkId" = $1 AND n."frameworkId" = $2 AND n.identifier = o.identifier`,
      [fromId, toId],
    );
    // Links inside the framework follow the copy; links to other frameworks keep their target.
    await manager.query(
      `INSERT INTO item_association ("frameworkId", identifier, "originId", type, "destinationItemId", "destinationUri", "destinationLabel", extras)
       SELECT $2, a.identifier, no.id, a.type, COALESCE(nd.id, a."destinationItemId"), a."destinationUri", a."destinationLabel", a.extras
       FROM item_association a
       JOIN framework_item oo ON oo.id = a."originId"
       JOIN framework_item no ON no."frameworkId" = $2 AND no.identifier = oo.identifier
       LEFT JOIN framework_item od ON od.id = a."destinationItemId" AND od."frameworkId" = $1
       LEFT JOIN framework_item nd ON nd."frameworkId" = $2 AND nd.identifier = od.identifier
       WHERE a."frameworkId" = $1`,
      [fromId, toId],
    );
  }

  /** Empties a draft before an import writes it again. Items go with their associations (cascade); scales with their levels. */
  async clearContent(frameworkId: string, manager: EntityManager): Promise<void> {
    await manager.delete(ItemAssociation, { frameworkId });
    await manager.delete(FrameworkItem, { frameworkId });
    await manager.delete(ProficiencyScale, { frameworkId });
  }

  /** Rows carry their ids, so callers link levels, items and associations without reading anything back. */
  async insertScales(scales: Partial<ProficiencyScale>[], levels: Partial<ProficiencyLevel>[], manager: EntityManager): Promise<void> {
    await insertInBatches(manager, ProficiencyScale, scales);
    await insertInBatches(manager, ProficiencyLevel, levels);
  }

  /** Parents before children (the caller orders them), so the tree's foreign keys hold batch by batch. */
  insertItems(items: Partial<FrameworkItem>[], manager: EntityManager): Promise<void> {
    return insertInBatches(manager, FrameworkItem, items);
  }

  insertAssociations(associations: Partial<ItemAssociation>[], manager: EntityManager): Promise<void> {
    return insertInBatches(manager, ItemAssociation, associations);
  }

  /** Row id of the newest published or retired item with each identifier, for links to items outside a file. */
  async newestStoredItemIds(identifiers: string[], manager: EntityManager): Promise<Map<string, string>> {
    const stored = new Map<string, string>();
    for (let i = 0; i < identifiers.length; i += BATCH) {
      const found = await manager
        .getRepository(FrameworkItem)
        .createQueryBuilder('i')
        .innerJoin('i.framework', 'f')
        .select(['i.id', 'i.identifier'])
        .where({ identifier: In(identifiers.slice(i, i + BATCH)) })
        .andWhere(`f.status <> 'draft'`)
        .orderBy('f.publishedAt', 'ASC')
        .getMany();
      for (const item of found) stored.set(item.identifier, item.id); // newest wins
    }
    return stored;
  }
}

async function insertInBatches<T extends object>(manager: EntityManager, target: new () => T, rows: Partial<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + BATCH) as never)
      .updateEntity(false)
      .execute();
  }
}
