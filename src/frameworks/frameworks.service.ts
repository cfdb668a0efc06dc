// Framework versions: creation, edits of drafts, lifecycle (publish, retire, next version) and proficiency scales.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mayOnInstitution, Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { institutionForNew } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { Clock, IdSource } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { caseDocumentUri } from './case-uris.js';
import {
  assertDraft,
  assertNewDraftAllowed,
  assertNextVersionAllowed,
  assertVersionLabelFree,
  publishFramework,
  retire,
} from '../common/lifecycle.js';
import { cleanLocalized, type LocalizedText } from '../common/localized-text.js';
import { page, type Page } from '../common/page.js';
import { conflict, invalid, notFound } from '../common/problems.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import type {
  CreateFrameworkDto,
  CreateScaleDto,
  FrameworkDetailDto,
  FrameworkDto,
  FrameworkListQuery,
  ScaleDto,
  UpdateFrameworkDto,
} from './dto/framework.dto.js';
import { Framework } from './framework.entity.js';
import { FrameworkContentRepository } from './framework-content.repository.js';
import { FrameworksRepository } from './frameworks.repository.js';
import { assertIdentifiersOwnedBy } from './identifier-ownership.js';
import type { ProficiencyScale } from './proficiency-scale.entity.js';

@Injectable()
export class FrameworksService {
  constructor(
    private readonly frameworks: FrameworksRepository,
    private readonly content: FrameworkContentRepository,
    private readonly institutions: InstitutionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async list(query: FrameworkListQuery, actor: Actor | undefined): Promise<Page<FrameworkDto>> {
    const [rows, total] = await this.frameworks.listVersions(query, actor);
    return page(rows.map(toFrameworkDto), total, query);
  }

  async get(id: string, actor: Actor | undefined): Promise<FrameworkDetailDto> {
    const framework = await this.requireVisible(id, actor);
    const [scales, itemCount] = await Promise.all([this.frameworks.findScales(id), this.frameworks.countItems(id)]);
    return { ...toFrameworkDto(framework), scales: scales.map(toScaleDto), itemCount };
  }

  /** A version the caller may read; drafts of other institutions look absent rather than forbidden. */
  async requireVisible(id: string, actor: Actor | undefined, manager?: EntityManager): Promise<Framework> {
    const framework = await this.frameworks.findVersion(id, manager);
    if (!framework || (framework.status === 'draft' && !mayOnInstitution(actor, Permission.FrameworkManage, framework.ownerInstitutionId)))
      throw notFound('Framework', id);
    return framework;
  }

  /** A draft the caller may change, locked for the rest of the transaction. */
  async requireEditable(id: string, actor: Actor, manager: EntityManager): Promise<Framework> {
    const framework = await this.requireManaged(id, actor, manager);
    assertDraft(framework, 'Framework');
    return framework;
  }

  private async requireManaged(id: string, actor: Actor, manager: EntityManager): Promise<Framework> {
    const framework = await this.requireVisible(id, actor, manager);
    requireOnInstitutions(actor, Permission.FrameworkManage, [framework.ownerInstitutionId]);
    return (await this.frameworks.lockVersion(id, manager))!;
  }

  async create(dto: CreateFrameworkDto, actor: Actor): Promise<FrameworkDto> {
    const ownerInstitutionId = institutionForNew(
      actor,
      dto.ownerInstitutionId,
      Permission.FrameworkManage,
      'ownerInstitutionId',
      'a framework',
    );
    if (!(await this.institutions.findById(ownerInstitutionId)))
      throw invalid([{ field: 'ownerInstitutionId', reason: 'no such institution' }]);
    const identifier = dto.identifier ?? this.ids.uuid();
    return this.frameworks.transaction(async (manager) => {
      if (dto.identifier) await assertIdentifiersOwnedBy(this.frameworks, ownerInstitutionId, [identifier], manager);
      if (dto.identifier) {
        const lineage = {
          versionTaken: await this.frameworks.versionLabelTaken(identifier, dto.version, manager),
          draftExists: !!(await this.frameworks.findDraftOf(identifier, manager)),
        };
        assertNewDraftAllowed(lineage, dto.version, 'Framework');
      }
      return toFrameworkDto(
        await this.frameworks.createVersion(
          {
            identifier,
            uri: dto.uri ?? caseDocumentUri(this.config.publicBaseUrl, identifier),
            version: dto.version,
            title: cleanLocalized(dto.title) as LocalizedText,
            description: cleanLocalized(dto.description),
            ownerInstitutionId,
            previousVersionId: null,
          },
          manager,
        ),
      );
    });
  }

  async update(id: string, dto: UpdateFrameworkDto, actor: Actor): Promise<FrameworkDto> {
    return this.frameworks.transaction(async (manager) => {
      const framework = await this.requireEditable(id, actor, manager);
      if (dto.version && dto.version !== framework.version)
        assertVersionLabelFree(
          await this.frameworks.versionLabelTaken(framework.identifier, dto.version, manager),
          dto.version,
          'Framework',
        );
      if (dto.title) framework.title = cleanLocalized(dto.title) as LocalizedText;
      if (dto.description !== undefined) framework.description = cleanLocalized(dto.description);
      if (dto.version) framework.version = dto.version;
      return toFrameworkDto(await this.frameworks.saveVersion(framework, manager));
    });
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.frameworks.transaction(async (manager) => {
      const framework = await this.requireEditable(id, actor, manager);
      await this.frameworks.deleteVersion(framework, manager);
    });
  }

  async publish(id: string, actor: Actor): Promise<FrameworkDto> {
    return this.frameworks.transaction(async (manager) => {
      const framework = await this.requireManaged(id, actor, manager);
      const content = { items: await this.frameworks.countItems(id, manager) };
      return toFrameworkDto(await this.frameworks.saveVersion(publishFramework(framework, content, this.clock.now()), manager));
    });
  }

  async retire(id: string, actor: Actor): Promise<FrameworkDto> {
    return this.frameworks.transaction(async (manager) => {
      const framework = await this.requireManaged(id, actor, manager);
      return toFrameworkDto(await this.frameworks.saveVersion(retire(framework, 'Framework', this.clock.now()), manager));
    });
  }

  /** The next version: a draft copy with the same identifiers, so links and credentials keep pointing at the same items. */
  async createNextVersion(id: string, version: string, actor: Actor): Promise<FrameworkDto> {
    return this.frameworks.transaction(async (manager) => {
      const source = await this.requireManaged(id, actor, manager);
      const lineage = {
        versionTaken: await this.frameworks.versionLabelTaken(source.identifier, version, manager),
        draftExists: !!(await this.frameworks.findDraftOf(source.identifier, manager)),
      };
      assertNextVersionAllowed(source, lineage, version, 'Framework');
      const next = await this.frameworks.createVersion(
        {
          identifier: source.identifier,
          uri: source.uri,
          version,
          title: source.title,
          description: source.description,
          extras: source.extras,
          ownerInstitutionId: source.ownerInstitutionId,
          previousVersionId: source.id,
        },
        manager,
      );
      await this.content.copyContent(source.id, next.id, manager);
      return toFrameworkDto(next);
    });
  }

  async addScale(frameworkId: string, dto: CreateScaleDto, actor: Actor): Promise<ScaleDto> {
    const ranks = dto.levels.map((level) => level.rank).sort((a, b) => a - b);
    const errors = ranks.flatMap((rank, index) =>
      rank === index + 1 ? [] : [{ field: `levels[${index}].rank`, reason: `ranks must run 1..${ranks.length} without gaps or repeats` }],
    );
    const codes = new Set<string>();
    dto.levels.forEach((level, index) => {
      if (codes.has(level.code)) errors.push({ field: `levels[${index}].code`, reason: `duplicate level code ${level.code}` });
      codes.add(level.code);
    });
    if (errors.length) throw invalid(errors);
    return this.frameworks.transaction(async (manager) => {
      await this.requireEditable(frameworkId, actor, manager);
      if ((await this.frameworks.findScales(frameworkId, manager)).some((scale) => scale.code === dto.code)) {
        throw conflict('duplicate_code', `The framework already has a scale ${dto.code}.`, [{ field: 'code', reason: 'already exists' }]);
      }
      const scale = { frameworkId, identifier: this.ids.uuid(), code: dto.code, title: cleanLocalized(dto.title) as LocalizedText };
      const levels = dto.levels.map((level) => ({
        identifier: this.ids.uuid(),
        rank: level.rank,
        code: level.code,
        label: cleanLocalized(level.label) as LocalizedText,
        description: cleanLocalized(level.description),
      }));
      return toScaleDto(await this.frameworks.addScale(scale, levels, manager));
    });
  }

  async removeScale(frameworkId: string, scaleId: string, actor: Actor): Promise<void> {
    await this.frameworks.transaction(async (manager) => {
      await this.requireEditable(frameworkId, actor, manager);
      const scale = await this.frameworks.findScale(frameworkId, scaleId, manager);
      if (!scale) throw notFound('Scale', scaleId);
      await this.frameworks.deleteScale(scale, manager);
    });
  }
}

export const toFrameworkDto = (framework: Framework): FrameworkDto => ({
  id: framework.id,
  identifier: framework.identifier,
  uri: framework.uri,
  version: framework.version,
  status: framework.status,
  title: framework.title,
  description: framework.description,
  ownerInstitutionId: framework.ownerInstitutionId,
  previousVersionId: framework.previousVersionId,
  publishedAt: framework.publishedAt,
  retiredAt: framework.retiredAt,
  createdAt: framework.createdAt,
  updatedAt: framework.updatedAt,
});

export const toScaleDto = (scale: ProficiencyScale): ScaleDto => ({
  id: scale.id,
  identifier: scale.identifier,
  code: scale.code,
  title: scale.title,
  position: scale.position,
  levels: [...(scale.levels ?? [])]
    .sort((a, b) => a.rank - b.rank)
    .map((level) => ({
      id: level.id,
      identifier: level.identifier,
      rank: level.rank,
      code: level.code,
      label: level.label,
      description: level.description,
    })),
});
