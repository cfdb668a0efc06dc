// Items of a framework version (the tree), their associations, and search across frameworks.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mayOnInstitution, Permission } from '../auth/access-policy.js';
import type { Actor } from '../auth/roles.js';
import { IdSource } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { caseItemUri } from './case-uris.js';
import { cleanLocalized, searchableText, type LocalizedText } from '../common/localized-text.js';
import { page, type Page, type PageQuery } from '../common/page.js';
import { conflict, invalid, notFound } from '../common/problems.js';
import type {
  AssociationDto,
  CreateAssociationDto,
  CreateItemDto,
  ItemDto,
  ItemListQuery,
  ItemSearchQuery,
  ItemTreeNodeDto,
  UpdateItemDto,
} from './dto/item.dto.js';
import type { FrameworkItem } from './framework-item.entity.js';
import { FrameworksRepository } from './frameworks.repository.js';
import { assertIdentifiersOwnedBy } from './identifier-ownership.js';
import { FrameworksService } from './frameworks.service.js';
import type { ItemAssociation } from './item-association.entity.js';

@Injectable()
export class FrameworkItemsService {
  constructor(
    private readonly frameworks: FrameworksRepository,
    private readonly versions: FrameworksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ids: IdSource,
  ) {}

  async list(frameworkId: string, query: ItemListQuery, actor: Actor | undefined): Promise<Page<ItemDto>> {
    await this.versions.requireVisible(frameworkId, actor);
    return this.search({ ...query, frameworkId }, actor);
  }

  async search(query: ItemSearchQuery, actor: Actor | undefined): Promise<Page<ItemDto>> {
    const [rows, total] = await this.frameworks.searchItems(query, actor);
    return page(rows.map(toItemDto), total, query as PageQuery);
  }

  async get(frameworkId: string, itemId: string, actor: Actor | undefined): Promise<ItemDto> {
    await this.versions.requireVisible(frameworkId, actor);
    return toItemDto(await this.requireItem(frameworkId, itemId));
  }

  async tree(frameworkId: string, actor: Actor | undefined): Promise<ItemTreeNodeDto[]> {
    await this.versions.requireVisible(frameworkId, actor);
    return buildTree(await this.frameworks.findAllItems(frameworkId));
  }

  async create(frameworkId: string, dto: CreateItemDto, actor: Actor): Promise<ItemDto> {
    return this.frameworks.transaction(async (manager) => {
      const framework = await this.versions.requireEditable(frameworkId, actor, manager);
      const identifier = dto.identifier ?? this.ids.uuid();
      if (dto.identifier) await assertIdentifiersOwnedBy(this.frameworks, framework.ownerInstitutionId, [identifier], manager);
      if (dto.identifier && (await this.frameworks.itemIdentifierTaken(frameworkId, identifier, manager))) {
        throw conflict('duplicate_identifier', `The framework already has an item ${identifier}.`, [
          { field: 'identifier', reason: 'already exists' },
        ]);
      }
      const parentId = dto.parentId ?? null;
      await this.checkPlacement(frameworkId, { code: dto.code, parentId, scaleId: dto.scaleId }, undefined, manager);
      const label = cleanLocalized(dto.label) as LocalizedText;
      const description = cleanLocalized(dto.description);
      return toItemDto(
        await this.frameworks.addItem(
          {
            frameworkId,
            identifier,
            uri: dto.uri ?? caseItemUri(this.config.publicBaseUrl, identifier),
            parentId,
            position: dto.position ?? (await this.frameworks.nextItemPosition(frameworkId, parentId, manager)),
            code: dto.code ?? null,
            itemType: dto.itemType,
            kind: dto.kind ?? null,
            label,
            description,
            scaleId: dto.scaleId ?? null,
            searchText: searchableText(dto.code ?? null, label, description),
          },
          manager,
        ),
      );
    });
  }

  async update(frameworkId: string, itemId: string, dto: UpdateItemDto, actor: Actor): Promise<ItemDto> {
    return this.frameworks.transaction(async (manager) => {
      await this.versions.requireEditable(frameworkId, actor, manager);
      const item = await this.requireItem(frameworkId, itemId, manager);
      await this.checkPlacement(frameworkId, { code: dto.code, parentId: dto.parentId, scaleId: dto.scaleId }, item, manager);
      if (dto.code !== undefined) item.code = dto.code;
      if (dto.itemType !== undefined) item.itemType = dto.itemType;
      if (dto.kind !== undefined) item.kind = dto.kind;
      if (dto.label !== undefined) item.label = cleanLocalized(dto.label) as LocalizedText;
      if (dto.description !== undefined) item.description = cleanLocalized(dto.description);
      if (dto.scaleId !== undefined) item.scaleId = dto.scaleId;
      if (dto.parentId !== undefined && dto.parentId !== item.parentId) {
        item.parentId = dto.parentId;
        item.position = dto.position ?? (await this.frameworks.nextItemPosition(frameworkId, dto.parentId, manager));
      } else if (dto.position !== undefined) {
        item.position = dto.position;
      }
      item.searchText = searchableText(item.code, item.label, item.description);
      delete item.parent;
      return toItemDto(await this.frameworks.saveItem(item, manager));
    });
  }

  async remove(frameworkId: string, itemId: string, actor: Actor): Promise<void> {
    await this.frameworks.transaction(async (manager) => {
      await this.versions.requireEditable(frameworkId, actor, manager);
      const item = await this.requireItem(frameworkId, itemId, manager);
      if (await this.frameworks.hasChildren(itemId, manager)) {
        throw conflict('item_has_children', 'Move or delete the children of this item first.');
      }
      await this.frameworks.deleteItem(item, manager);
    });
  }

  async listAssociations(frameworkId: string, actor: Actor | undefined): Promise<AssociationDto[]> {
    await this.versions.requireVisible(frameworkId, actor);
    return (await this.frameworks.findAssociations(frameworkId)).map(toAssociationDto);
  }

  async addAssociation(frameworkId: string, dto: CreateAssociationDto, actor: Actor): Promise<AssociationDto> {
    if (dto.destinationItemId && dto.destinationUri) {
      throw invalid([{ field: 'destinationUri', reason: 'give either destinationItemId or destinationUri, not both' }]);
    }
    return this.frameworks.transaction(async (manager) => {
      const framework = await this.versions.requireEditable(frameworkId, actor, manager);
      if (dto.identifier) await assertIdentifiersOwnedBy(this.frameworks, framework.ownerInstitutionId, [dto.identifier], manager);
      const errors = [];
      if (!(await this.frameworks.findItem(frameworkId, dto.originId, manager)))
        errors.push({ field: 'originId', reason: 'no such item in this framework version' });
      if (dto.destinationItemId) {
        if (dto.destinationItemId === dto.originId)
          errors.push({ field: 'destinationItemId', reason: 'an item cannot be associated with itself' });
        const destination = await this.frameworks.findItemById(dto.destinationItemId, manager);
        // Other institutions' drafts are invisible, so they cannot be linked to either.
        if (
          !destination ||
          (destination.frameworkId !== frameworkId &&
            destination.framework!.status === 'draft' &&
            !mayOnInstitution(actor, Permission.FrameworkManage, destination.framework!.ownerInstitutionId))
        ) {
          errors.push({ field: 'destinationItemId', reason: 'no such item' });
        }
      }
      if (errors.length) throw invalid(errors);
      const identifier = dto.identifier ?? this.ids.uuid();
      return toAssociationDto(
        await this.frameworks.addAssociation(
          {
            frameworkId,
            identifier,
            originId: dto.originId,
            type: dto.type,
            destinationItemId: dto.destinationItemId ?? null,
            destinationUri: dto.destinationUri ?? null,
            destinationLabel: dto.destinationLabel ?? null,
          },
          manager,
        ),
      );
    });
  }

  async removeAssociation(frameworkId: string, associationId: string, actor: Actor): Promise<void> {
    await this.frameworks.transaction(async (manager) => {
      await this.versions.requireEditable(frameworkId, actor, manager);
      const association = await this.frameworks.findAssociation(frameworkId, associationId, manager);
      if (!association) throw notFound('Association', associationId);
      await this.frameworks.deleteAssociation(association, manager);
    });
  }

  private async requireItem(frameworkId: string, itemId: string, manager?: EntityManager): Promise<FrameworkItem> {
    const item = await this.frameworks.findItem(frameworkId, itemId, manager);
    if (!item) throw notFound('Item', itemId);
    return item;
  }

  /** Code unique in the version, parent in the same version and not below the item itself, scale of this framework. */
  private async checkPlacement(
    frameworkId: string,
    change: { code?: string | null; parentId?: string | null; scaleId?: string | null },
    item: FrameworkItem | undefined,
    manager: EntityManager,
  ): Promise<void> {
    if (change.code && (await this.frameworks.itemCodeTaken(frameworkId, change.code, item?.id, manager))) {
      throw conflict('duplicate_code', `The framework already has an item coded ${change.code}.`, [
        { field: 'code', reason: 'already used in this framework version' },
      ]);
    }
    if (change.parentId) {
      if (!(await this.frameworks.findItem(frameworkId, change.parentId, manager)))
        throw invalid([{ field: 'parentId', reason: 'no such item in this framework version' }]);
      if (item && (await this.frameworks.isInSubtree(item.id, change.parentId, manager))) {
        throw conflict('tree_cycle', 'An item cannot be moved under itself or one of its descendants.', [
          { field: 'parentId', reason: 'would create a cycle' },
        ]);
      }
    }
    if (change.scaleId && !(await this.frameworks.findScale(frameworkId, change.scaleId, manager))) {
      throw invalid([{ field: 'scaleId', reason: 'no such scale in this framework version' }]);
    }
  }
}

export const toItemDto = (item: FrameworkItem): ItemDto => ({
  id: item.id,
  identifier: item.identifier,
  uri: item.uri,
  frameworkId: item.frameworkId,
  parentId: item.parentId,
  position: item.position,
  code: item.code,
  itemType: item.itemType,
  kind: item.kind,
  label: item.label,
  description: item.description,
  scaleId: item.scaleId,
});

const toAssociationDto = (association: ItemAssociation): AssociationDto => ({
  id: association.id,
  identifier: association.identifier,
  frameworkId: association.frameworkId,
  originId: association.originId,
  type: association.type,
  destinationItemId: association.destinationItemId,
  destinationUri: association.destinationUri,
  destinationLabel: association.destinationLabel,
});

/** Items arrive sorted by position; children keep that order. */
export function buildTree(items: FrameworkItem[]): ItemTreeNodeDto[] {
  const nodes = new Map(items.map((item) => [item.id, { ...toItemDto(item), children: [] as ItemTreeNodeDto[] }]));
  const roots: ItemTreeNodeDto[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
