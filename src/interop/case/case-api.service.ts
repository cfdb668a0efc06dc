// The read-only CASE 1.1 REST API over published frameworks: a sourcedId is a CASE identifier, served from the newest
// published version that holds it. Objects are written by the same code as the package, so both always agree.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { notFound } from '../../common/problems.js';
import type { FrameworkItem } from '../../frameworks/framework-item.entity.js';
import { apiAssociation, apiDocument, apiItem } from './case-api-objects.js';
import { caseDateTime, childOfIdentifier, itemTypeIdentifier } from './case-conventions.js';
import {
  datedRubric,
  generatedItemType,
  storedDefinitions,
  toCfAssociation,
  toCfDocument,
  toCfItem,
  toChildOfAssociation,
  type CaseContext,
} from './case-package-writer.js';
import {
  isJsonObject,
  type CfApiAssociation,
  type CfApiDocument,
  type CfApiItem,
  type CfAssociation,
  type CfPackage,
  type DefinitionKind,
  type JsonObject,
} from './case-package.types.js';
import { CasePackageService } from './case-package.service.js';
import { CaseRepository } from './case.repository.js';
import type { CaseListQuery } from './dto/case-api.dto.js';

@Injectable()
export class CaseApiService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly packages: CasePackageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listDocuments(query: CaseListQuery): Promise<{ CFDocuments: CfApiDocument[] }> {
    const frameworks = await this.cases.listPublishedDocuments(query.limit, query.offset);
    return { CFDocuments: (await this.packages.contextsOf(frameworks)).map((ctx) => apiDocument(toCfDocument(ctx), ctx)) };
  }

  async document(identifier: string): Promise<CfApiDocument> {
    const framework = await this.cases.findPublishedDocument(identifier);
    if (!framework) throw notFound('CFDocument', identifier);
    const ctx = await this.packages.contextOf(framework);
    return apiDocument(toCfDocument(ctx), ctx);
  }

  async package(identifier: string): Promise<CfPackage> {
    const framework = await this.cases.findPublishedDocument(identifier);
    if (!framework) throw notFound('CFPackage', identifier);
    return this.packages.packageOf(framework);
  }

  async item(identifier: string): Promise<CfApiItem> {
    const item = await this.cases.findPublishedItem(identifier);
    if (!item) throw notFound('CFItem', identifier);
    const ctx = await this.packages.contextOf(item.framework!);
    return apiItem(toCfItem(item, ctx), ctx);
  }

  /** The item with every association of its version that starts or ends at it, its place in the tree included. */
  async itemAssociations(identifier: string): Promise<{ CFItem: CfApiItem; CFAssociations: CfApiAssociation[] }> {
    const item = await this.cases.findPublishedItem(identifier);
    if (!item) throw notFound('CFItem', identifier);
    const [ctx, children, rows] = await Promise.all([
      this.packages.contextOf(item.framework!),
      this.cases.findChildren(item.id),
      this.cases.findAssociationsOfItem(item.frameworkId, item.id),
    ]);
    return {
      CFItem: apiItem(toCfItem(item, ctx), ctx),
      CFAssociations: [
        await this.childOf(item, ctx),
        ...children.map((child) => toChildOfAssociation(child, item, ctx)),
        ...rows.map((row) => toCfAssociation(row, row.origin!, row.destinationItem ?? null, ctx)),
      ].map((association) => apiAssociation(association, ctx)),
    };
  }

  /** A stored association, else the isChildOf of an item (kept from its import, or derived from its identifier). */
  async association(identifier: string): Promise<CfAssociation> {
    const row = await this.cases.findPublishedAssociation(identifier);
    if (row) {
      const ctx = await this.packages.contextOf(row.framework!);
      return apiAssociation(toCfAssociation(row, row.origin!, row.destinationItem ?? null, ctx), ctx);
    }
    const inTree =
      (await this.cases.findPublishedItemByChildOf(identifier)) ??
      (await this.cases
        .findPublishedItem(childOfIdentifier(identifier))
        .then((child) => (child && !isJsonObject(child.extras?.caseChildOf) ? child : null)));
    if (inTree) {
      const ctx = await this.packages.contextOf(inTree.framework!);
      return apiAssociation(await this.childOf(inTree, ctx), ctx);
    }
    const foreign = await this.cases.findPublishedHolding('foreignAssociations', identifier);
    const verbatim = foreign && findByIdentifier(foreign.extras?.foreignAssociations, identifier);
    if (verbatim) return verbatim as CfAssociation;
    throw notFound('CFAssociation', identifier);
  }

  async rubric(identifier: string): Promise<JsonObject> {
    const framework = await this.cases.findPublishedHolding('CFRubrics', identifier);
    const rubric = framework && findByIdentifier(framework.extras?.CFRubrics, identifier);
    if (!rubric) throw notFound('CFRubric', identifier);
    return datedRubric(rubric, caseDateTime(framework.extras?.lastChangeDateTime, framework.updatedAt));
  }

  /** Imported item types, or one of ours (whose identifier is derived from its name). */
  async itemTypes(identifier: string): Promise<{ CFItemTypes: JsonObject[] }> {
    const imported = await this.definition('CFItemTypes', identifier);
    if (imported) return { CFItemTypes: [imported] };
    const itemType = (await this.cases.publishedItemTypes()).find((type) => itemTypeIdentifier(type) === identifier);
    const framework = itemType === undefined ? null : await this.cases.findPublishedUsingItemType(itemType);
    if (!framework) throw notFound('CFItemType', identifier);
    return {
      CFItemTypes: [
        generatedItemType(itemType!, this.config.publicBaseUrl, caseDateTime(framework.extras?.lastChangeDateTime, framework.updatedAt)),
      ],
    };
  }

  async subjects(identifier: string): Promise<{ CFSubjects: JsonObject[] }> {
    return { CFSubjects: [await this.findDefinition('CFSubjects', identifier)] };
  }

  async concepts(identifier: string): Promise<{ CFConcepts: JsonObject[] }> {
    return { CFConcepts: [await this.findDefinition('CFConcepts', identifier)] };
  }

  license(identifier: string): Promise<JsonObject> {
    return this.findDefinition('CFLicenses', identifier);
  }

  associationGrouping(identifier: string): Promise<JsonObject> {
    return this.findDefinition('CFAssociationGroupings', identifier);
  }

  private async findDefinition(kind: DefinitionKind, identifier: string): Promise<JsonObject> {
    const definition = await this.definition(kind, identifier);
    if (!definition) throw notFound(kind.slice(0, -1), identifier);
    return definition;
  }

  private async definition(kind: DefinitionKind, identifier: string): Promise<JsonObject | undefined> {
    const framework = await this.cases.findPublishedHolding(kind, identifier);
    return framework ? findByIdentifier(storedDefinitions(framework, kind), identifier) : undefined;
  }

  private async childOf(item: FrameworkItem, ctx: CaseContext): Promise<CfAssociation> {
    const parent = item.parentId ? await this.cases.findItemById(item.parentId) : null;
    return toChildOfAssociation(item, parent, ctx);
  }
}

function findByIdentifier(list: unknown, identifier: string): JsonObject | undefined {
  return Array.isArray(list)
    ? list.find(
        (entry): entry is JsonObject =>
          isJsonObject(entry) && typeof entry.identifier === 'string' && entry.identifier.toLowerCase() === identifier,
      )
    : undefined;
}
