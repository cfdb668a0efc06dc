// Job profiles (fiches métiers): versions, lifecycle, required competencies, and profile-to-profile comparison.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mayOnInstitution, Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { institutionForNew } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { Clock, IdSource } from '../common/clock.js';
import { assertDraft, assertNextVersionAllowed, assertVersionLabelFree, publishProfile, retire } from '../common/lifecycle.js';
import { cleanLocalized, searchableText, type LocalizedText } from '../common/localized-text.js';
import { page, type Page } from '../common/page.js';
import { conflict, invalid, notFound, type FieldError } from '../common/problems.js';
import { FrameworksRepository } from '../frameworks/frameworks.repository.js';
import type { ProficiencyScale } from '../frameworks/proficiency-scale.entity.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import type {
  ComparisonDto,
  CreateJobProfileDto,
  JobProfileDetailDto,
  JobProfileDto,
  JobProfileListQuery,
  RequirementDto,
  RequirementInputDto,
  UpdateJobProfileDto,
} from './dto/job-profile.dto.js';
import type { JobProfile, ProfileRequirement } from './job-profile.entity.js';
import { JobProfilesRepository, type RequirementRow } from './job-profiles.repository.js';
import { compareProfiles } from './profile-comparison.js';

@Injectable()
export class JobProfilesService {
  constructor(
    private readonly profiles: JobProfilesRepository,
    private readonly frameworks: FrameworksRepository,
    private readonly institutions: InstitutionsRepository,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async list(query: JobProfileListQuery, actor: Actor | undefined): Promise<Page<JobProfileDto>> {
    const [rows, total] = await this.profiles.list(query, actor);
    return page(rows.map(toProfileDto), total, query);
  }

  async get(id: string, actor: Actor | undefined): Promise<JobProfileDetailDto> {
    const profile = await this.requireVisible(id, actor);
    return { ...toProfileDto(profile), requirements: (await this.profiles.findRequirements(id)).map(toRequirementDto) };
  }

  async create(dto: CreateJobProfileDto, actor: Actor): Promise<JobProfileDetailDto> {
    const ownerInstitutionId = institutionForNew(
      actor,
      dto.ownerInstitutionId,
      Permission.FrameworkManage,
      'ownerInstitutionId',
      'a job profile',
    );
    if (!(await this.institutions.findById(ownerInstitutionId)))
      throw invalid([{ field: 'ownerInstitutionId', reason: 'no such institution' }]);
    const id = await this.profiles.transaction(async (manager) => {
      await this.assertCodeFree(ownerInstitutionId, dto.code, undefined, manager);
      const profile = this.profiles.newDraft(
        {
          identifier: this.ids.uuid(),
          version: dto.version,
          code: dto.code,
          definition: null,
          family: null,
          subFamily: null,
          activities: [],
          iscoCode: null,
          escoUri: null,
          ownerInstitutionId,
          previousVersionId: null,
        },
        manager,
      );
      applyContent(profile, dto);
      const saved = await this.profiles.saveVersion(profile, manager);
      await this.setRequirements(saved.id, dto.requirements ?? [], manager);
      return saved.id;
    });
    return this.get(id, actor);
  }

  async update(id: string, dto: UpdateJobProfileDto, actor: Actor): Promise<JobProfileDetailDto> {
    await this.profiles.transaction(async (manager) => {
      const profile = await this.requireEditable(id, actor, manager);
      if (dto.code && dto.code !== profile.code)
        await this.assertCodeFree(profile.ownerInstitutionId, dto.code, profile.identifier, manager);
      if (dto.version && dto.version !== profile.version)
        assertVersionLabelFree(await this.profiles.versionLabelTaken(profile.identifier, dto.version, manager), dto.version, 'Job profile');
      if (dto.code) profile.code = dto.code;
      if (dto.version) profile.version = dto.version;
      applyContent(profile, dto);
      await this.profiles.saveVersion(profile, manager);
    });
    return this.get(id, actor);
  }

  async replaceRequirements(id: string, requirements: RequirementInputDto[], actor: Actor): Promise<JobProfileDetailDto> {
    await this.profiles.transaction(async (manager) => {
      await this.requireEditable(id, actor, manager);
      await this.setRequirements(id, requirements, manager);
    });
    return this.get(id, actor);
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.profiles.transaction(async (manager) => {
      await this.profiles.deleteVersion(await this.requireEditable(id, actor, manager), manager);
    });
  }

  async publish(id: string, actor: Actor): Promise<JobProfileDto> {
    return this.profiles.transaction(async (manager) => {
      const profile = await this.requireManaged(id, actor, manager);
      const content = { requirements: (await this.profiles.findRequirements(id, manager)).length };
      return toProfileDto(await this.profiles.saveVersion(publishProfile(profile, content, this.clock.now()), manager));
    });
  }

  async retire(id: string, actor: Actor): Promise<JobProfileDto> {
    return this.profiles.transaction(async (manager) => {
      const profile = await this.requireManaged(id, actor, manager);
      return toProfileDto(await this.profiles.saveVersion(retire(profile, 'Job profile', this.clock.now()), manager));
    });
  }

  async createNextVersion(id: string, version: string, actor: Actor): Promise<JobProfileDetailDto> {
    const nextId = await this.profiles.transaction(async (manager) => {
      const source = await this.requireManaged(id, actor, manager);
      const lineage = {
        versionTaken: await this.profiles.versionLabelTaken(source.identifier, version, manager),
        draftExists: !!(await this.profiles.findDraftOf(source.identifier, manager)),
      };
      assertNextVersionAllowed(source, lineage, version, 'Job profile');
      const { id: _id, createdAt: _c, updatedAt: _u, ...content } = source;
      const next = this.profiles.newDraft({ ...content, version, previousVersionId: source.id }, manager);
      applyContent(next, {}); // recomputes the search text, which is never loaded
      await this.profiles.saveVersion(next, manager);
      await this.profiles.copyRequirements(source.id, next.id, manager);
      return next.id;
    });
    return this.get(nextId, actor);
  }

  /** What someone holding profile `fromId` must add to meet profile `toId`. */
  async compare(toId: string, fromId: string, actor: Actor | undefined): Promise<ComparisonDto> {
    await Promise.all([this.requireVisible(toId, actor), this.requireVisible(fromId, actor)]);
    const [target, current] = await Promise.all([this.profiles.findRequirements(toId), this.profiles.findRequirements(fromId)]);
    const toCompared = (requirement: ProfileRequirement) => ({
      itemIdentifier: requirement.item!.identifier,
      itemCode: requirement.item!.code,
      itemLabel: requirement.item!.label,
      level: requirement.level!.rank,
      essential: requirement.essential,
    });
    return { fromProfileId: fromId, toProfileId: toId, ...compareProfiles(current.map(toCompared), target.map(toCompared)) };
  }

  private async requireVisible(id: string, actor: Actor | undefined, manager?: EntityManager): Promise<JobProfile> {
    const profile = await this.profiles.findVersion(id, manager);
    if (!profile || (profile.status === 'draft' && !mayOnInstitution(actor, Permission.FrameworkManage, profile.ownerInstitutionId)))
      throw notFound('Job profile', id);
    return profile;
  }

  private async requireManaged(id: string, actor: Actor, manager: EntityManager): Promise<JobProfile> {
    const profile = await this.requireVisible(id, actor, manager);
    requireOnInstitutions(actor, Permission.FrameworkManage, [profile.ownerInstitutionId]);
    return (await this.profiles.lockVersion(id, manager))!;
  }

  private async requireEditable(id: string, actor: Actor, manager: EntityManager): Promise<JobProfile> {
    const profile = await this.requireManaged(id, actor, manager);
    assertDraft(profile, 'Job profile');
    return profile;
  }

  private async assertCodeFree(
    ownerInstitutionId: string,
    code: string,
    identifier: string | undefined,
    manager: EntityManager,
  ): Promise<void> {
    if (await this.profiles.codeTakenByOtherLineage(ownerInstitutionId, code, identifier, manager)) {
      throw conflict('duplicate_code', `The institution already has a job profile coded ${code}.`, [
        { field: 'code', reason: 'already used' },
      ]);
    }
  }

  /**
   * Checks every requirement before writing any: items of published frameworks only (a draft can still change under
   * the profile, a retired one is obsolete), each item once, a level that exists on the item's scale.
   */
  private async setRequirements(profileId: string, inputs: RequirementInputDto[], manager: EntityManager): Promise<void> {
    const items = new Map(
      (await this.frameworks.findItemsByIds([...new Set(inputs.map((input) => input.itemId))], manager)).map((item) => [item.id, item]),
    );
    const scales = await this.frameworks.findScalesOfFrameworks([...new Set([...items.values()].map((item) => item.frameworkId))], manager);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const rows = inputs.map((input, index) => {
      const item = items.get(input.itemId);
      const field = `requirements[${index}]`;
      if (!item) return void errors.push({ field: `${field}.itemId`, reason: 'no such framework item' });
      if (seen.has(item.id)) return void errors.push({ field: `${field}.itemId`, reason: 'item listed twice' });
      seen.add(item.id);
      if (item.framework!.status !== 'published') {
        return void errors.push({
          field: `${field}.itemId`,
          reason: `the item's framework version is ${item.framework!.status}; only published versions can be required`,
        });
      }
      const scale = scaleOf(item.scaleId, item.frameworkId, scales);
      const level = scale?.levels?.find((candidate) => candidate.rank === input.level);
      if (!level) {
        const max = scale?.levels?.length ?? 0;
        return void errors.push({
          field: `${field}.level`,
          reason: max ? `must be between 1 and ${max} on scale ${scale!.code}` : 'the item has no proficiency scale',
        });
      }
      return { profileId, itemId: item.id, levelId: level.id, essential: input.essential ?? true, position: index };
    });
    if (errors.length) throw invalid(errors, 'Some required competencies are not valid; nothing was saved.');
    await this.profiles.replaceRequirements(profileId, rows as RequirementRow[], manager);
  }
}

function scaleOf(scaleId: string | null, frameworkId: string, scales: ProficiencyScale[]): ProficiencyScale | undefined {
  if (scaleId) return scales.find((scale) => scale.id === scaleId);
  return scales.filter((scale) => scale.frameworkId === frameworkId).sort((a, b) => a.position - b.position)[0];
}

function applyContent(profile: JobProfile, dto: UpdateJobProfileDto): void {
  if (dto.title) profile.title = cleanLocalized(dto.title) as LocalizedText;
  if (dto.definition !== undefined) profile.definition = cleanLocalized(dto.definition);
  if (dto.family !== undefined) profile.family = cleanLocalized(dto.family);
  if (dto.subFamily !== undefined) profile.subFamily = cleanLocalized(dto.subFamily);
  if (dto.activities !== undefined) profile.activities = dto.activities.map((activity) => cleanLocalized(activity)!);
  if (dto.iscoCode !== undefined) profile.iscoCode = dto.iscoCode;
  if (dto.escoUri !== undefined) profile.escoUri = dto.escoUri;
  profile.searchText = searchableText(profile.code, profile.title, profile.family, profile.subFamily);
}

const toProfileDto = (profile: JobProfile): JobProfileDto => ({
  id: profile.id,
  identifier: profile.identifier,
  version: profile.version,
  status: profile.status,
  code: profile.code,
  title: profile.title,
  definition: profile.definition,
  family: profile.family,
  subFamily: profile.subFamily,
  activities: profile.activities,
  iscoCode: profile.iscoCode,
  escoUri: profile.escoUri,
  ownerInstitutionId: profile.ownerInstitutionId,
  previousVersionId: profile.previousVersionId,
  publishedAt: profile.publishedAt,
  retiredAt: profile.retiredAt,
});

const toRequirementDto = (requirement: ProfileRequirement): RequirementDto => ({
  id: requirement.id,
  itemId: requirement.itemId,
  itemIdentifier: requirement.item!.identifier,
  itemCode: requirement.item!.code,
  itemLabel: requirement.item!.label,
  frameworkId: requirement.item!.frameworkId,
  level: requirement.level!.rank,
  levelLabel: requirement.level!.label,
  essential: requirement.essential,
});
