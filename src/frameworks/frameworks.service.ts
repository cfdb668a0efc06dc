// Framework versions: creation, edits of drafts, lifecycle (publish, retire, next version) and proficiency scales.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { mayOnInstitution, Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { institutionForNew } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { caseDocumentUri } from './case-uris.js';
import { assertDraft, assertTransition } from '../common/lifecycle.js';
import { cleanLocalized, type LocalizedText } from '../common/localized-text.js';
import { page, type Page } from '../common/page.js';
import { conflict, invalid, notFound } from '../common/problems.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import type { CreateFrameworkDto, CreateScaleDto, FrameworkDetailDto, FrameworkDto, FrameworkListQuery, ScaleDto, UpdateFrameworkDto } from './dto/framework.dto.js';
import { Framework } from './framework.entity.js';
import { FrameworksRepository } from './frameworks.repository.js';
import { assertIdentifiersOwnedBy } from './identifier-ownership.js';
import { ProficiencyLevel, ProficiencyScale } from './proficiency-scale.entity.js';

@Injectable()
export class FrameworksService {
  constructor(
    private readonly frameworks: FrameworksRepository,
    private readonly institutions: InstitutionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    if (!framework || (framework.status === 'draft' && !mayOnInstitution(actor, Permission.FrameworkManage, framework.ownerInstitutionId))) throw notFound('Framework', id);
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
    const ownerInstitutionId = institutionForNew(actor, dto.ownerInstitutionId, Permission.FrameworkManage, 'ownerInstitutionId', 'a framework');
    if (!(await this.institutions.findById(ownerInstitutionId))) throw invalid([{ field: 'ownerInstitutionId', reason: 'no such institution' }]);
    const identifier = dto.identifier ?? randomUUID();
    return this.frameworks.transaction(async (manager) => {
      if (dto.identifier) await assertIdentifiersOwnedBy(this.frameworks, ownerInstitutionId, [identifier], manager);
      if (dto.identifier && (await this.frameworks.versionLabelTaken(identifier, dto.version, manager))) {
        throw conflict('duplicate_version', `Framework ${identifier} already has a version ${dto.version}.`, [{ field: 'version', reason: 'already exists' }]);
      }
      if (dto.identifier && (await this.frameworks.findDraftOf(identifier, manager))) {
        throw conflict('draft_exists', `Framework ${identifier} already has a draft version.`);
      }
      const framework = manager.create(Framework, {
        identifier,
        uri: dto.uri ?? caseDocumentUri(this.config.publicBaseUrl, identifier),
        version: dto.version,
        status: 'draft',
        title: cleanLocalized(dto.title) as LocalizedText,
        description: cleanLocalized(dto.description),
        ownerInstitutionId,
        previousVersionId: null,
        publishedAt: null,
        retiredAt: null,
      });
      return toFrameworkDto(await manager.save(framework));
    });
  }

  async update(id: string, dto: UpdateFrameworkDto, actor: Actor): Promise<FrameworkDto> {
    return this.frameworks.transaction(async (manager) => {
      const framework = await this.requireEditable(id, actor, manager);
      if (dto.version && dto.version !== framework.version && (await this.frameworks.versionLabelTaken(framework.identifier, dto.version, manager))) {
        throw conflict('duplicate_version', `This framework already has a version ${dto.version}.`, [{ field: 'version', reason: 'already exists' }]);
      }
      if (dto.title) framework.title = cleanLocalized(dto.title) as LocalizedText;
      if (dto.description !== undefined) framework.description = cleanLocalized(dto.description);
      if (dto.version) framework.version = dto.version;
      return toFrameworkDto(await manager.save(framework));
    });
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.frameworks.transaction(async (manager) => {
      const framework = await this.requireEditable(id, actor, manager);
      await manager.remove(framework);
    });
  }

  async publish(id: string, actor: Actor): Promise<FrameworkDto> {
    return this.frameworks.transaction(async (manager) => {
      const framework = await this.requireManaged(id, actor, manager);
      assertTransition(framework, 'published', 'Framework');
      const problems = [];
      if ((await this.frameworks.findScales(id, manager)).length === 0) problems.push({ field: 'scales', reason: 'a published framework needs a proficiency scale' });
      if ((await this.frameworks.countItems(id, manager)) === 0) problems.push({ field: 'items', reason: 'a published framework needs at least one item' });
      if (problems.length) throw conflict('framework_incomplete', 'The framework cannot be published yet.', problems);
      framework.status = 'published';
      framework.publishedAt = new Date();
      return toFrameworkDto(await manager.save(framework));
    });
  }

  async retire(id: string, actor: Actor): Promise<FrameworkDto> {
    return this.frameworks.transaction(async (manager) => {
      const framework = await this.requireManaged(id, actor, manager);
      assertTransition(framework, 'retired', 'Framework');
      framework.status = 'retired';
      framework.retiredAt = new Date();
      return toFrameworkDto(await manager.save(framework));
    });
  }

  /** The next version: a draft copy with the same identifiers, so links and credentials keep pointing at the same items. */
  async createNextVersion(id: string, version: string, actor: Actor): Promise<FrameworkDto> {
    return this.frameworks.transaction(async (manager) => {
      const source = await this.requireManaged(id, actor, manager);
      if (source.status === 'draft') throw conflict('version_is_draft', 'This version is still a draft; edit it instead of copying it.');
      if (await this.frameworks.findDraftOf(source.identifier, manager)) throw conflict('draft_exists', 'This framework already has a draft version.');
      if (await this.frameworks.versionLabelTaken(source.identifier, version, manager)) {
        throw conflict('duplicate_version', `This framework already has a version ${version}.`, [{ field: 'version', reason: 'already exists' }]);
      }
      const next = await manager.save(manager.create(Framework, {
        identifier: source.identifier,
        uri: source.uri,
        version,
        status: 'draft',
        title: source.title,
        description: source.description,
        extras: source.extras,
        ownerInstitutionId: source.ownerInstitutionId,
        previousVersionId: source.id,
        publishedAt: null,
        retiredAt: null,
      }));
      await this.frameworks.copyContent(source.id, next.id, manager);
      return toFrameworkDto(next);
    });
  }

  async addScale(frameworkId: string, dto: CreateScaleDto, actor: Actor): Promise<ScaleDto> {
    const ranks = dto.levels.map((level) => level.rank).sort((a, b) => a - b);
    const errors = ranks.flatMap((rank, index) => (rank === index + 1 ? [] : [{ field: `levels[${index}].rank`, reason: `ranks must run 1..${ranks.length} without gaps or repeats` }]));
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
      const scale = await manager.save(manager.create(ProficiencyScale, {
        frameworkId,
        identifier: randomUUID(),
        code: dto.code,
        title: cleanLocalized(dto.title) as LocalizedText,
        position: await this.frameworks.nextScalePosition(frameworkId, manager),
      }));
      scale.levels = await manager.save(dto.levels.map((level) => manager.create(ProficiencyLevel, {
        scaleId: scale.id,
        identifier: randomUUID(),
        rank: level.rank,
        code: level.code,
        label: cleanLocalized(level.label) as LocalizedText,
        description: cleanLocalized(level.description),
      })));
      return toScaleDto(scale);
    });
  }

  async removeScale(frameworkId: string, scaleId: string, actor: Actor): Promise<void> {
    await this.frameworks.transaction(async (manager) => {
      await this.requireEditable(frameworkId, actor, manager);
      const scale = await this.frameworks.findScale(frameworkId, scaleId, manager);
      if (!scale) throw notFound('Scale', scaleId);
      await manager.remove(scale);
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
  levels: [...(scale.levels ?? [])].sort((a, b) => a.rank - b.rank).map((level) => ({
    id: level.id,
    identifier: level.identifier,
    rank: level.rank,
    code: level.code,
    label: level.label,
    description: level.description,
  })),
});
