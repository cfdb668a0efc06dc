// Training modules: their record, the institutions that deliver them, and learning outcomes mapped to competencies.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { institutionForNew } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { cleanLocalized, type LocalizedText } from '../common/localized-text.js';
import { page, type Page } from '../common/page.js';
import { conflict, invalid, notFound, type FieldError } from '../common/problems.js';
import { FrameworksRepository } from '../frameworks/frameworks.repository.js';
import type { ProficiencyScale } from '../frameworks/proficiency-scale.entity.js';
import { deliveryNeeds } from './session-rules.js';
import type {
  CreateTrainingModuleDto,
  OutcomeDto,
  OutcomeInputDto,
  TrainingModuleDto,
  TrainingModuleListQuery,
  UpdateTrainingModuleDto,
} from './dto/training-module.dto.js';
import type { LearningOutcome, TrainingModule } from './training-module.entity.js';
import { TrainingModulesRepository, type OutcomeRow } from './training-modules.repository.js';

type ResolvedOutcome = Omit<OutcomeRow, 'moduleId'>;

@Injectable()
export class TrainingModulesService {
  constructor(
    private readonly modules: TrainingModulesRepository,
    private readonly frameworks: FrameworksRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: TrainingModuleListQuery): Promise<Page<TrainingModuleDto>> {
    const [ids, total] = await this.modules.list(query);
    return page((await this.modules.findDetails(ids)).map(toModuleDto), total, query);
  }

  async get(id: string): Promise<TrainingModuleDto> {
    const [module] = await this.modules.findDetails([id]);
    if (!module) throw notFound('Training module', id);
    return toModuleDto(module);
  }

  async create(dto: CreateTrainingModuleDto, actor: Actor): Promise<TrainingModuleDto> {
    const ownerInstitutionId = institutionForNew(
      actor,
      dto.ownerInstitutionId,
      Permission.CatalogueManage,
      'ownerInstitutionId',
      'a module',
    );
    const id = await this.modules.transaction(async (manager) => {
      const providers = [ownerInstitutionId, ...(dto.providerInstitutionIds ?? []).filter((provider) => provider !== ownerInstitutionId)];
      const { rows, errors: outcomeErrors } = await this.resolveOutcomes(dto.outcomes ?? [], manager);
      const errors = [...(await this.checkInstitutions(ownerInstitutionId, dto.providerInstitutionIds ?? [], manager)), ...outcomeErrors];
      if (errors.length) throw invalid(errors, 'Some fields of the module are not valid; nothing was saved.');
      await this.assertCodeFree(ownerInstitutionId, dto.code, undefined, manager);
      const module = await this.modules.addModule(
        {
          code: dto.code,
          title: cleanLocalized(dto.title) as LocalizedText,
          description: cleanLocalized(dto.description),
          ownerInstitutionId,
          hours: dto.hours,
          ectsCredits: dto.ectsCredits ?? null,
          modality: dto.modality,
          language: dto.language,
        },
        manager,
      );
      await this.modules.replaceProviders(module.id, [...new Set(providers)], manager);
      await this.modules.replaceOutcomes(
        module.id,
        rows.map((row) => ({ ...row, moduleId: module.id })),
        manager,
      );
      return module.id;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateTrainingModuleDto, actor: Actor): Promise<TrainingModuleDto> {
    await this.modules.transaction(async (manager) => {
      const module = await this.requireManaged(id, actor, manager);
      if (dto.providerInstitutionIds) {
        const errors = await this.checkInstitutions(undefined, dto.providerInstitutionIds, manager);
        if (errors.length) throw invalid(errors, 'Some fields of the module are not valid; nothing was saved.');
      }
      if (dto.code && dto.code !== module.code) await this.assertCodeFree(module.ownerInstitutionId, dto.code, module.id, manager);
      if (dto.modality && dto.modality !== module.modality) {
        // Sessions already planned must still make sense: a module going online needs links for its sessions, and so on.
        const unfit = await this.modules.sessionsUnfitFor(module.id, dto.modality, manager);
        const missing = deliveryNeeds([dto.modality]).place ? 'place' : 'onlineUrl';
        if (unfit.length) {
          throw conflict(
            'sessions_unfit_for_modality',
            `Sessions of this module have no ${missing}, which a ${dto.modality} module needs; complete them first.`,
            unfit.map((code) => ({ field: 'modality', reason: `session ${code} has no ${missing}` })),
          );
        }
      }
      // PartialType lets null through for optional fields: only ectsCredits and description may be cleared.
      if (dto.code) module.code = dto.code;
      if (dto.title) module.title = cleanLocalized(dto.title) as LocalizedText;
      if (dto.description !== undefined) module.description = cleanLocalized(dto.description);
      if (dto.hours != null) module.hours = dto.hours;
      if (dto.ectsCredits !== undefined) module.ectsCredits = dto.ectsCredits;
      if (dto.modality) module.modality = dto.modality;
      if (dto.language) module.language = dto.language;
      await this.modules.saveModule(module, manager);
      if (dto.providerInstitutionIds) {
        const others = dto.providerInstitutionIds.filter((provider) => provider !== module.ownerInstitutionId);
        await this.modules.replaceProviders(module.id, [...new Set([module.ownerInstitutionId, ...others])], manager);
      }
    });
    return this.get(id);
  }

  async replaceOutcomes(id: string, outcomes: OutcomeInputDto[], actor: Actor): Promise<TrainingModuleDto> {
    await this.modules.transaction(async (manager) => {
      await this.requireManaged(id, actor, manager);
      const { rows, errors } = await this.resolveOutcomes(outcomes, manager);
      if (errors.length) throw invalid(errors, 'Some learning outcomes are not valid; nothing was saved.');
      await this.modules.replaceOutcomes(
        id,
        rows.map((row) => ({ ...row, moduleId: id })),
        manager,
      );
      await this.modules.touchModule(id, this.clock.now(), manager);
    });
    return this.get(id);
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.modules.transaction(async (manager) => {
      const module = await this.requireManaged(id, actor, manager);
      const usage = await this.modules.usage(id, manager);
      const uses = [
        usage.sessions && `${usage.sessions} session(s)`,
        usage.programmes && `${usage.programmes} programme(s)`,
        usage.evidence && `${usage.evidence} learner record(s)`,
      ].filter(Boolean);
      if (uses.length) throw conflict('module_in_use', `Module ${module.code} is used by ${uses.join(', ')}; it cannot be deleted.`);
      await this.modules.deleteModule(module, manager);
    });
  }

  private async requireManaged(id: string, actor: Actor, manager: EntityManager): Promise<TrainingModule> {
    const module = await this.modules.findModule(id, manager);
    if (!module) throw notFound('Training module', id);
    requireOnInstitutions(actor, Permission.CatalogueManage, [module.ownerInstitutionId]);
    return (await this.modules.lockModule(id, manager))!;
  }

  private async assertCodeFree(
    ownerInstitutionId: string,
    code: string,
    exceptId: string | undefined,
    manager: EntityManager,
  ): Promise<void> {
    if (await this.modules.codeTaken(ownerInstitutionId, code, exceptId, manager)) {
      throw conflict('duplicate_code', `The institution already has a module ${code}.`, [{ field: 'code', reason: 'already exists' }]);
    }
  }

  /** The owner (when new) and each provider must be a registered institution. */
  private async checkInstitutions(
    ownerInstitutionId: string | undefined,
    providers: string[],
    manager: EntityManager,
  ): Promise<FieldError[]> {
    const known = await this.modules.existingInstitutionIds([...(ownerInstitutionId ? [ownerInstitutionId] : []), ...providers], manager);
    const errors: FieldError[] = [];
    if (ownerInstitutionId && !known.has(ownerInstitutionId)) errors.push({ field: 'ownerInstitutionId', reason: 'no such institution' });
    providers.forEach((provider, index) => {
      if (!known.has(provider)) errors.push({ field: `providerInstitutionIds[${index}]`, reason: 'no such institution' });
    });
    return errors;
  }

  /**
   * Checks every outcome before any is written: items of published framework versions only (a draft can still change
   * under the module, a retired one is obsolete), each competency once, a level that exists on the item's scale.
   * The item identifier and level rank are copied onto the outcome so gap analysis matches across versions.
   */
  private async resolveOutcomes(
    inputs: OutcomeInputDto[],
    manager: EntityManager,
  ): Promise<{ rows: ResolvedOutcome[]; errors: FieldError[] }> {
    const items = new Map(
      (await this.frameworks.findItemsByIds([...new Set(inputs.map((input) => input.itemId))], manager)).map((item) => [item.id, item]),
    );
    const scales = await this.frameworks.findScalesOfFrameworks([...new Set([...items.values()].map((item) => item.frameworkId))], manager);
    const errors: FieldError[] = [];
    const rows: ResolvedOutcome[] = [];
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      const field = `outcomes[${index}]`;
      const item = items.get(input.itemId);
      if (!item) return void errors.push({ field: `${field}.itemId`, reason: 'no such framework item' });
      const status = item.framework!.status;
      if (status === 'retired')
        return void errors.push({
          field: `${field}.itemId`,
          reason: 'retired framework version; map the outcome to the item of the current published version',
        });
      if (status !== 'published')
        return void errors.push({
          field: `${field}.itemId`,
          reason: `the item's framework version is a ${status}; only items of published versions can be mapped`,
        });
      if (seen.has(item.identifier)) return void errors.push({ field: `${field}.itemId`, reason: 'competency listed twice' });
      seen.add(item.identifier);
      const scale = scaleOf(item.scaleId, item.frameworkId, scales);
      const level = scale?.levels?.find((candidate) => candidate.rank === input.level);
      if (!level) {
        const max = scale?.levels?.length ?? 0;
        return void errors.push({
          field: `${field}.level`,
          reason: max ? `must be between 1 and ${max} on scale ${scale!.code}` : 'the item has no proficiency scale',
        });
      }
      rows.push({
        position: index,
        description: cleanLocalized(input.description),
        itemId: item.id,
        itemIdentifier: item.identifier,
        levelId: level.id,
        levelRank: level.rank,
      });
    });
    return { rows, errors };
  }
}

/** The item's own scale, or its framework's default one (lowest position). */
function scaleOf(scaleId: string | null, frameworkId: string, scales: ProficiencyScale[]): ProficiencyScale | undefined {
  if (scaleId) return scales.find((scale) => scale.id === scaleId);
  return scales.filter((scale) => scale.frameworkId === frameworkId).sort((a, b) => a.position - b.position)[0];
}

const toOutcomeDto = (outcome: LearningOutcome): OutcomeDto => ({
  id: outcome.id,
  position: outcome.position,
  description: outcome.description,
  itemId: outcome.itemId,
  itemIdentifier: outcome.itemIdentifier,
  itemCode: outcome.item!.code,
  itemLabel: outcome.item!.label,
  frameworkId: outcome.item!.frameworkId,
  level: outcome.levelRank,
  levelLabel: outcome.level!.label,
});

export const toModuleDto = (module: TrainingModule): TrainingModuleDto => ({
  id: module.id,
  code: module.code,
  title: module.title,
  description: module.description,
  ownerInstitutionId: module.ownerInstitutionId,
  providerInstitutionIds: [
    module.ownerInstitutionId,
    ...(module.providers ?? [])
      .map((provider) => provider.id)
      .filter((id) => id !== module.ownerInstitutionId)
      .sort(),
  ],
  hours: module.hours,
  ectsCredits: module.ectsCredits,
  modality: module.modality,
  language: module.language,
  outcomes: [...(module.outcomes ?? [])].sort((a, b) => a.position - b.position).map(toOutcomeDto),
  createdAt: module.createdAt,
  updatedAt: module.updatedAt,
});
