// Writes a checked ImportedFramework as one framework version, all or nothing, with set-based batched inserts.
// Re-importing the same identifier and version replaces a draft and is refused on a published version; publishing in
// the same transaction applies the lifecycle rules every framework version goes through (common/lifecycle.ts).
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { institutionForNew } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { Clock, IdSource } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { caseDocumentUri, caseItemUri } from '../frameworks/case-uris.js';
import { cleanLocalized, searchableText, type LocalizedText } from '../common/localized-text.js';
import { assertNoOtherDraft, assertReplaceable, publishFramework } from '../common/lifecycle.js';
import { invalid, type FieldError } from '../common/problems.js';
import { FrameworkContentRepository } from '../frameworks/framework-content.repository.js';
import type { FrameworkItem } from '../frameworks/framework-item.entity.js';
import type { Framework } from '../frameworks/framework.entity.js';
import { FrameworksRepository } from '../frameworks/frameworks.repository.js';
import { assertIdentifiersOwnedBy } from '../frameworks/identifier-ownership.js';
import type { ItemAssociation } from '../frameworks/item-association.entity.js';
import type { ProficiencyLevel } from '../frameworks/proficiency-scale.entity.js';
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

/** 422 with the list of problems (up to a limit): the file was read but is refused as a whole. */
export function importRejected(errors: FieldError[]): HttpException {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  const more = errors.length - shown.length;
  return new HttpException(
    {
      code: 'import_rejected',
      detail: `The file was not imported: ${errors.length} problem${errors.length > 1 ? 's' : ''}${more > 0 ? ` (first ${shown.length} listed)` : ''}. Nothing was written.`,
      errors: shown,
    },
    HttpStatus.UNPROCESSABLE_ENTITY,
  );
}

/** The parser's warnings, and the one every importer shares: without a scale the version cannot be published. */
function importWarnings(model: ImportedFramework): FieldError[] {
  const warnings = [...(model.warnings ?? [])];
  if (!model.scales.length)
    warnings.push({
      field: 'scales',
      reason:
        'the file has no proficiency scale: it publishes as it came, but job profiles and modules can require a level of its competencies only once a version has a scale (POST /frameworks/{id}/scales on a draft)',
    });
  return warnings.slice(0, MAX_REPORTED_ERRORS);
}

@Injectable()
export class FrameworkImportService {
  constructor(
    private readonly frameworks: FrameworksRepository,
    private readonly content: FrameworkContentRepository,
    private readonly institutions: InstitutionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async import(model: ImportedFramework, actor: Actor, options: ImportOptions = {}): Promise<ImportResult> {
    const ownerInstitutionId = institutionForNew(
      actor,
      options.ownerInstitutionId,
      Permission.FrameworkManage,
      'ownerInstitutionId',
      'an imported framework',
    );
    if (!(await this.institutions.findById(ownerInstitutionId, options.manager)))
      throw invalid([{ field: 'ownerInstitutionId', reason: 'no such institution' }]);
    const { errors, orderedItems } = checkImportedFramework(model);
    if (errors.length) throw importRejected(errors);
    const identifier = model.identifier.toLowerCase();

    const write = async (manager: EntityManager): Promise<ImportResult> => {
      await assertIdentifiersOwnedBy(
        this.frameworks,
        ownerInstitutionId,
        [
          identifier,
          ...model.associations.map((association) => association.identifier),
          ...model.scales.flatMap((scale) => (scale.identifier ? [scale.identifier] : [])),
          ...(options.sharedItems ? [] : model.items.map((item) => item.identifier)),
        ],
        manager,
      );
      const existing = await this.frameworks.findVersionByLabel(identifier, model.version, manager);
      const header = {
        uri: model.uri ?? caseDocumentUri(this.config.publicBaseUrl, identifier),
        title: cleanLocalized(model.title) as LocalizedText,
        description: cleanLocalized(model.description),
        extras: model.extras ?? null,
      };
      let framework: Framework;
      if (existing) {
        requireOnInstitutions(actor, Permission.FrameworkManage, [existing.ownerInstitutionId]);
        assertReplaceable(existing, 'Framework');
        await this.frameworks.lockVersion(existing.id, manager);
        await this.content.clearContent(existing.id, manager);
        framework = await this.frameworks.saveVersion(Object.assign(existing, header), manager);
      } else {
        assertNoOtherDraft(!!(await this.frameworks.findDraftOf(identifier, manager)), 'Framework');
        framework = await this.frameworks.createVersion(
          { identifier, version: model.version, ownerInstitutionId, previousVersionId: null, ...header },
          manager,
        );
      }

      const scaleIds = await this.insertScales(framework.id, model, manager);
      const itemIds = await this.insertItems(framework.id, orderedItems, scaleIds, manager);
      const associations = await this.insertAssociations(framework.id, model, itemIds, manager);

      if (options.publish) {
        const content = { items: orderedItems.length };
        framework = await this.frameworks.saveVersion(publishFramework(framework, content, this.clock.now()), manager);
      }
      return {
        frameworkId: framework.id,
        identifier,
        version: framework.version,
        status: framework.status,
        outcome: existing ? 'replaced' : 'created',
        items: orderedItems.length,
        associations,
        scales: model.scales.length,
        warnings: importWarnings(model),
        itemIds,
      };
    };
    return options.manager ? write(options.manager) : this.frameworks.transaction(write);
  }

  private async insertScales(frameworkId: string, model: ImportedFramework, manager: EntityManager): Promise<Map<string, string>> {
    const scaleIds = new Map<string, string>();
    const levels: Partial<ProficiencyLevel>[] = [];
    const scales = model.scales.map((scale, position) => {
      const id = this.ids.uuid();
      scaleIds.set(scale.code, id);
      for (const level of scale.levels) {
        levels.push({
          id: this.ids.uuid(),
          scaleId: id,
          identifier: level.identifier?.toLowerCase() ?? this.ids.uuid(),
          rank: level.rank,
          code: level.code,
          label: cleanLocalized(level.label) ?? { fr: level.code },
          description: cleanLocalized(level.description),
        });
      }
      return {
        id,
        frameworkId,
        identifier: scale.identifier?.toLowerCase() ?? this.ids.uuid(),
        code: scale.code,
        title: cleanLocalized(scale.title) ?? { fr: scale.code },
        position,
      };
    });
    await this.content.insertScales(scales, levels, manager);
    return scaleIds;
  }

  private async insertItems(
    frameworkId: string,
    items: ImportedFramework['items'],
    scaleIds: Map<string, string>,
    manager: EntityManager,
  ): Promise<Map<string, string>> {
    const ids = new Map(items.map((item) => [item.identifier.toLowerCase(), this.ids.uuid()]));
    const positions = new Map<string | null, number>();
    const rows = items.map((item): Partial<FrameworkItem> => {
      const parentId = item.parentIdentifier ? ids.get(item.parentIdentifier.toLowerCase())! : null;
      const position = item.position ?? positions.get(parentId) ?? 0;
      positions.set(parentId, position + 1);
      const label = cleanLocalized(item.label) as LocalizedText;
      const description = cleanLocalized(item.description);
      const identifier = item.identifier.toLowerCase();
      return {
        id: ids.get(identifier),
        frameworkId,
        identifier,
        uri: item.uri ?? caseItemUri(this.config.publicBaseUrl, identifier),
        parentId,
        position,
        code: item.code ?? null,
        itemType: item.itemType,
        kind: item.kind ?? null,
        label,
        description,
        scaleId: item.scaleCode ? scaleIds.get(item.scaleCode)! : null,
        extras: item.extras ?? null,
        searchText: searchableText(item.code, label, description),
      };
    });
    await this.content.insertItems(rows, manager);
    return ids;
  }

  /** Destinations: an item of the file, else the newest stored version of an item with that identifier, else the URI. */
  private async insertAssociations(
    frameworkId: string,
    model: ImportedFramework,
    itemIds: Map<string, string>,
    manager: EntityManager,
  ): Promise<number> {
    const outside = [
      ...new Set(
        model.associations.map((a) => a.destinationIdentifier?.toLowerCase()).filter((id): id is string => !!id && !itemIds.has(id)),
      ),
    ];
    const stored = await this.content.newestStoredItemIds(outside, manager);
    const errors: FieldError[] = [];
    const rows = model.associations.map((association, index): Partial<ItemAssociation> => {
      const destination = association.destinationIdentifier?.toLowerCase();
      const destinationItemId = destination ? (itemIds.get(destination) ?? stored.get(destination) ?? null) : null;
      if (!destinationItemId && !association.destinationUri) {
        errors.push({
          field: association.line === undefined ? `associations[${index}].destination` : 'associations.destination',
          reason: `${destination} is neither in the file nor stored here, and has no URI`,
          line: association.line,
        });
      }
      return {
        frameworkId,
        identifier: association.identifier.toLowerCase(),
        originId: itemIds.get(association.originIdentifier.toLowerCase())!,
        type: association.type as ItemAssociation['type'],
        destinationItemId,
        destinationUri: association.destinationUri ?? null,
        destinationLabel: association.destinationLabel ?? null,
        extras: association.extras ?? null,
      };
    });
    if (errors.length) throw importRejected(errors);
    await this.content.insertAssociations(rows, manager);
    return rows.length;
  }
}
