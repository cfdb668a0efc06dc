// Writes a checked ImportedFramework as one framework version, all or nothing, with set-based batched inserts.
// Re-importing the same identifier and version replaces a draft and is refused on a published version.
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { institutionForNew } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { caseDocumentUri, caseItemUri } from '../frameworks/case-uris.js';
import { cleanLocalized, searchableText, type LocalizedText } from '../common/localized-text.js';
import { conflict, invalid, type FieldError } from '../common/problems.js';
import { FrameworkItem } from '../frameworks/framework-item.entity.js';
import { Framework } from '../frameworks/framework.entity.js';
import { FrameworksRepository } from '../frameworks/frameworks.repository.js';
import { assertIdentifiersOwnedBy } from '../frameworks/identifier-ownership.js';
import { ItemAssociation } from '../frameworks/item-association.entity.js';
import { ProficiencyLevel, ProficiencyScale } from '../frameworks/proficiency-scale.entity.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { checkImportedFramework, MAX_REPORTED_ERRORS, type ImportedFramework } from './imported-framework.js';

export interface ImportOptions {
  ownerInstitutionId?: string;
  /** Publish the version in the same transaction (e.g. ESCO, whose profiles need published items). */
  publish?: boolean;
  /** Item identifiers that name shared concepts rather than the institution's own (ESCO skills): left out of the ownership check. */
  sharedItems?: boolean;
  /** A transaction the caller holds (ESCO writes its job profiles in the same one); otherwise the import opens its own. */
  manager?: EntityManager;
}

export interface ImportResult {
  frameworkId: string;
  identifier: string;
  version: string;
  status: Framework['status'];
  outcome: 'created' | 'replaced';
  items: number;
  associations: number;
  scales: number;
  /** What the file said that was not kept as it was, and what publishing it still needs. */
  warnings: FieldError[];
  /** Row id of each imported item, by identifier, for importers that link more rows (ESCO profiles). */
  itemIds: Map<string, string>;
}

const BATCH = 1000;

/** 422 with the list of problems (up to a limit): the file was read but is refused as a whole. */
export function importRejected(errors: FieldError[]): HttpException {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  const more = errors.length - shown.length;
  return new HttpException({
    code: 'import_rejected',
    detail: `The file was not imported: ${errors.length} problem${errors.length > 1 ? 's' : ''}${more > 0 ? ` (first ${shown.length} listed)` : ''}. Nothing was written.`,
    errors: shown,
  }, HttpStatus.UNPROCESSABLE_ENTITY);
}

/** The parser's warnings, and the one every importer shares: without a scale the version cannot be published. */
function importWarnings(model: ImportedFramework): FieldError[] {
  const warnings = [...(model.warnings ?? [])];
  if (!model.scales.length) warnings.push({ field: 'scales', reason: 'the file has no proficiency scale: add one (POST /frameworks/{id}/scales) before publishing this version' });
  return warnings.slice(0, MAX_REPORTED_ERRORS);
}

@Injectable()
export class FrameworkImportService {
  constructor(
    private readonly frameworks: FrameworksRepository,
    private readonly institutions: InstitutionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(model: ImportedFramework, actor: Actor, options: ImportOptions = {}): Promise<ImportResult> {
    const ownerInstitutionId = institutionForNew(actor, options.ownerInstitutionId, Permission.FrameworkManage, 'ownerInstitutionId', 'an imported framework');
    if (!(await this.institutions.findById(ownerInstitutionId, options.manager))) throw invalid([{ field: 'ownerInstitutionId', reason: 'no such institution' }]);
    const { errors, orderedItems } = checkImportedFramework(model);
    if (errors.length) throw importRejected(errors);
    const identifier = model.identifier.toLowerCase();

    const write = async (manager: EntityManager): Promise<ImportResult> => {
      await assertIdentifiersOwnedBy(this.frameworks, ownerInstitutionId, [
        identifier, ...model.associations.map((association) => association.identifier), ...model.scales.flatMap((scale) => (scale.identifier ? [scale.identifier] : [])),
        ...(options.sharedItems ? [] : model.items.map((item) => item.identifier)),
      ], manager);
      const existing = await manager.findOneBy(Framework, { identifier, version: model.version });
      let framework: Framework;
      if (existing) {
        requireOnInstitutions(actor, Permission.FrameworkManage, [existing.ownerInstitutionId]);
        if (existing.status !== 'draft') {
          throw conflict('version_published', `Version ${model.version} of framework ${identifier} is ${existing.status} and cannot be replaced; import it under a new version label.`);
        }
        await this.frameworks.lockVersion(existing.id, manager);
        // Items go with their associations (cascade); scales with their levels.
        await manager.delete(ItemAssociation, { frameworkId: existing.id });
        await manager.delete(FrameworkItem, { frameworkId: existing.id });
        await manager.delete(ProficiencyScale, { frameworkId: existing.id });
        framework = existing;
      } else {
        if (await this.frameworks.findDraftOf(identifier, manager)) {
          throw conflict('draft_exists', `Framework ${identifier} already has another draft version; publish or delete it first.`);
        }
        framework = manager.create(Framework, { identifier, version: model.version, status: 'draft', ownerInstitutionId, previousVersionId: null, publishedAt: null, retiredAt: null });
      }
      framework.uri = model.uri ?? caseDocumentUri(this.config.publicBaseUrl, identifier);
      framework.title = cleanLocalized(model.title) as LocalizedText;
      framework.description = cleanLocalized(model.description);
      framework.extras = model.extras ?? null;
      framework = await manager.save(framework);

      const scaleIds = await this.insertScales(framework.id, model, manager);
      const itemIds = await this.insertItems(framework.id, orderedItems, scaleIds, manager);
      const associations = await this.insertAssociations(framework.id, model, itemIds, manager);

      if (options.publish) {
        if (!model.scales.length) throw conflict('framework_incomplete', 'The framework cannot be published without a proficiency scale.');
        framework.status = 'published';
        framework.publishedAt = new Date();
        await manager.save(framework);
      }
      return {
        frameworkId: framework.id, identifier, version: framework.version, status: framework.status, outcome: existing ? 'replaced' : 'created',
        items: orderedItems.length, associations, scales: model.scales.length, warnings: importWarnings(model), itemIds,
      };
    };
    return options.manager ? write(options.manager) : this.frameworks.transaction(write);
  }

  private async insertScales(frameworkId: string, model: ImportedFramework, manager: EntityManager): Promise<Map<string, string>> {
    const scaleIds = new Map<string, string>();
    const levels: Partial<ProficiencyLevel>[] = [];
    const scales = model.scales.map((scale, position) => {
      const id = randomUUID();
      scaleIds.set(scale.code, id);
      for (const level of scale.levels) {
        levels.push({ id: randomUUID(), scaleId: id, identifier: level.identifier?.toLowerCase() ?? randomUUID(), rank: level.rank, code: level.code, label: cleanLocalized(level.label) ?? { fr: level.code }, description: cleanLocalized(level.description) });
      }
      return { id, frameworkId, identifier: scale.identifier?.toLowerCase() ?? randomUUID(), code: scale.code, title: cleanLocalized(scale.title) ?? { fr: scale.code }, position };
    });
    await insertInBatches(manager, ProficiencyScale, scales);
    await insertInBatches(manager, ProficiencyLevel, levels);
    return scaleIds;
  }

  private async insertItems(frameworkId: string, items: ImportedFramework['items'], scaleIds: Map<string, string>, manager: EntityManager): Promise<Map<string, string>> {
    const ids = new Map(items.map((item) => [item.identifier.toLowerCase(), randomUUID()]));
    const positions = new Map<string | null, number>();
    const rows = items.map((item): Partial<FrameworkItem> => {
      const parentId = item.parentIdentifier ? ids.get(item.parentIdentifier.toLowerCase())! : null;
      const position = item.position ?? positions.get(parentId) ?? 0;
      positions.set(parentId, position + 1);
      const label = cleanLocalized(item.label) as LocalizedText;
      const description = cleanLocalized(item.description);
      const identifier = item.identifier.toLowerCase();
      return {
        id: ids.get(identifier), frameworkId, identifier, uri: item.uri ?? caseItemUri(this.config.publicBaseUrl, identifier), parentId, position,
        code: item.code ?? null, itemType: item.itemType, kind: item.kind ?? null, label, description,
        scaleId: item.scaleCode ? scaleIds.get(item.scaleCode)! : null, extras: item.extras ?? null,
        searchText: searchableText(item.code, label, description),
      };
    });
    await insertInBatches(manager, FrameworkItem, rows);
    return ids;
  }

  /** Destinations: an item of the file, else the newest stored version of an item with that identifier, else the URI. */
  private async insertAssociations(frameworkId: string, model: ImportedFramework, itemIds: Map<string, string>, manager: EntityManager): Promise<number> {
    const outside = [...new Set(model.associations.map((a) => a.destinationIdentifier?.toLowerCase()).filter((id): id is string => !!id && !itemIds.has(id)))];
    const stored = new Map<string, string>();
    for (let i = 0; i < outside.length; i += BATCH) {
      const found = await manager.getRepository(FrameworkItem).createQueryBuilder('i').innerJoin('i.framework', 'f')
        .select(['i.id', 'i.identifier']).where({ identifier: In(outside.slice(i, i + BATCH)) }).andWhere(`f.status <> 'draft'`)
        .orderBy('f.publishedAt', 'ASC').getMany();
      for (const item of found) stored.set(item.identifier, item.id); // newest wins
    }
    const errors: FieldError[] = [];
    const rows = model.associations.map((association, index): Partial<ItemAssociation> => {
      const destination = association.destinationIdentifier?.toLowerCase();
      const destinationItemId = destination ? itemIds.get(destination) ?? stored.get(destination) ?? null : null;
      if (!destinationItemId && !association.destinationUri) {
        errors.push({ field: association.line === undefined ? `associations[${index}].destination` : 'associations.destination', reason: `${destination} is neither in the file nor stored here, and has no URI`, line: association.line });
      }
      return {
        frameworkId, identifier: association.identifier.toLowerCase(), originId: itemIds.get(association.originIdentifier.toLowerCase())!, type: association.type as ItemAssociation['type'],
        destinationItemId, destinationUri: association.destinationUri ?? null, destinationLabel: association.destinationLabel ?? null, extras: association.extras ?? null,
      };
    });
    if (errors.length) throw importRejected(errors);
    await insertInBatches(manager, ItemAssociation, rows);
    return rows.length;
  }
}

async function insertInBatches<T extends object>(manager: EntityManager, target: new () => T, rows: Partial<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await manager.createQueryBuilder().insert().into(target).values(rows.slice(i, i + BATCH) as never).updateEntity(false).execute();
  }
}
