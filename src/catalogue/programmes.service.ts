// Programmes (certificates and diplomas): their modules, elective groups, prerequisites, awarding schools and totals.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { institutionForNew } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { cleanLocalized, type LocalizedText } from '../common/localized-text.js';
import { page, type Page } from '../common/page.js';
import { conflict, invalid, notFound, type FieldError } from '../common/problems.js';
import type {
  CreateProgrammeDto,
  ElectiveGroupInputDto,
  ProgrammeDto,
  ProgrammeListQuery,
  ProgrammeModuleInputDto,
  UpdateProgrammeDto,
} from './dto/programme.dto.js';
import type { Programme } from './programme.entity.js';
import { findPrerequisiteCycles, programmeTotals, structureErrors } from './programme-rules.js';
import { ProgrammesRepository, type ProgrammeStructure } from './programmes.repository.js';
import { TrainingModulesRepository } from './training-modules.repository.js';

interface StructureInput {
  awardingInstitutionIds: string[];
  modules: ProgrammeModuleInputDto[];
  electiveGroups: ElectiveGroupInputDto[];
}

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly programmes: ProgrammesRepository,
    private readonly modules: TrainingModulesRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: ProgrammeListQuery): Promise<Page<ProgrammeDto>> {
    const [ids, total] = await this.programmes.list(query);
    return page((await this.programmes.findDetails(ids)).map(toProgrammeDto), total, query);
  }

  async get(id: string): Promise<ProgrammeDto> {
    const [programme] = await this.programmes.findDetails([id]);
    if (!programme) throw notFound('Programme', id);
    return toProgrammeDto(programme);
  }

  async create(dto: CreateProgrammeDto, actor: Actor): Promise<ProgrammeDto> {
    const ownerInstitutionId = institutionForNew(
      actor,
      dto.ownerInstitutionId,
      Permission.CatalogueManage,
      'ownerInstitutionId',
      'a programme',
    );
    const structure = {
      awardingInstitutionIds: dto.awardingInstitutionIds ?? [ownerInstitutionId],
      modules: dto.modules,
      electiveGroups: dto.electiveGroups ?? [],
    };
    const id = await this.programmes.transaction(async (manager) => {
      const checked = await this.checkStructure(ownerInstitutionId, structure, manager);
      if (await this.programmes.codeTaken(ownerInstitutionId, dto.code, undefined, manager)) throw duplicateCode(dto.code);
      const programme = await this.programmes.addProgramme(
        {
          code: dto.code,
          kind: dto.kind,
          title: cleanLocalized(dto.title) as LocalizedText,
          description: cleanLocalized(dto.description),
          ownerInstitutionId,
          minimumAverage: dto.minimumAverage ?? null,
          internshipRequired: dto.internshipRequired ?? false,
        },
        manager,
      );
      await this.programmes.replaceStructure(programme.id, checked, manager);
      return programme.id;
    });
    return this.get(id);
  }

  /** Scalar fields change on their own; awarding schools, modules and groups are checked together as the new whole. */
  async update(id: string, dto: UpdateProgrammeDto, actor: Actor): Promise<ProgrammeDto> {
    await this.programmes.transaction(async (manager) => {
      const programme = await this.requireManaged(id, actor, manager);
      if (dto.awardingInstitutionIds || dto.modules || dto.electiveGroups) {
        const current = await this.programmes.findStructure(id, manager);
        const checked = await this.checkStructure(
          programme.ownerInstitutionId,
          {
            awardingInstitutionIds: dto.awardingInstitutionIds ?? current.awardingInstitutionIds,
            modules:
              dto.modules ??
              current.modules.map((entry) => ({
                ...entry,
                required: !entry.electiveGroup,
                electiveGroup: entry.electiveGroup ?? undefined,
              })),
            electiveGroups: dto.electiveGroups ?? current.electiveGroups,
          },
          manager,
        );
        await this.programmes.replaceStructure(id, checked, manager);
      }
      if (dto.code && dto.code !== programme.code && (await this.programmes.codeTaken(programme.ownerInstitutionId, dto.code, id, manager)))
        throw duplicateCode(dto.code);
      // PartialType lets null through for optional fields: only description and minimumAverage may be cleared.
      if (dto.code) programme.code = dto.code;
      if (dto.kind) programme.kind = dto.kind;
      if (dto.title) programme.title = cleanLocalized(dto.title) as LocalizedText;
      if (dto.description !== undefined) programme.description = cleanLocalized(dto.description);
      if (dto.minimumAverage !== undefined) programme.minimumAverage = dto.minimumAverage;
      if (dto.internshipRequired != null) programme.internshipRequired = dto.internshipRequired;
      programme.updatedAt = this.clock.now(); // a structure-only change is a change of the programme too
      await this.programmes.saveProgramme(programme, manager);
    });
    return this.get(id);
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.programmes.transaction(async (manager) => {
      const programme = await this.requireManaged(id, actor, manager);
      const sessions = await this.programmes.countSessions(id, manager);
      if (sessions) throw conflict('programme_in_use', `Programme ${programme.code} has ${sessions} session(s); it cannot be deleted.`);
      await this.programmes.deleteProgramme(programme, manager);
    });
  }

  private async requireManaged(id: string, actor: Actor, manager: EntityManager): Promise<Programme> {
    const programme = await this.programmes.findProgramme(id, manager);
    if (!programme) throw notFound('Programme', id);
    requireOnInstitutions(actor, Permission.CatalogueManage, [programme.ownerInstitutionId]);
    return (await this.programmes.lockProgramme(id, manager))!;
  }

  /**
   * Row-by-row checks of the whole structure (400 listing every fault), then prerequisite cycles (409 naming the
   * modules on each). Nothing is written before both pass.
   */
  private async checkStructure(ownerInstitutionId: string, input: StructureInput, manager: EntityManager): Promise<ProgrammeStructure> {
    const errors: FieldError[] = [];
    const institutions = await this.modules.existingInstitutionIds([ownerInstitutionId, ...input.awardingInstitutionIds], manager);
    if (!institutions.has(ownerInstitutionId)) errors.push({ field: 'ownerInstitutionId', reason: 'no such institution' });
    if (input.awardingInstitutionIds[0] !== ownerInstitutionId) {
      errors.push({
        field: 'awardingInstitutionIds[0]',
        reason: 'the lead awarding school, listed first, must be the owner of the programme',
      });
    }
    const awarding = new Set<string>();
    input.awardingInstitutionIds.forEach((institutionId, index) => {
      if (!institutions.has(institutionId)) errors.push({ field: `awardingInstitutionIds[${index}]`, reason: 'no such institution' });
      else if (awarding.has(institutionId)) errors.push({ field: `awardingInstitutionIds[${index}]`, reason: 'institution listed twice' });
      awarding.add(institutionId);
    });
    const modules = new Map(
      (await this.modules.findModulesByIds([...new Set(input.modules.map((entry) => entry.moduleId))], manager)).map((module) => [
        module.id,
        module,
      ]),
    );
    input.modules.forEach((entry, index) => {
      if (!modules.has(entry.moduleId)) errors.push({ field: `modules[${index}].moduleId`, reason: 'no such training module' });
    });
    errors.push(...structureErrors(input.modules, input.electiveGroups));
    if (errors.length) throw invalid(errors, 'The programme is not valid; nothing was saved.');

    const cycles = findPrerequisiteCycles(input.modules);
    if (cycles.length) {
      const codes = (cycle: string[]) => [...cycle, cycle[0]].map((moduleId) => modules.get(moduleId)!.code).join(' → ');
      const rowOf = (moduleId: string) => input.modules.findIndex((entry) => entry.moduleId === moduleId);
      throw conflict(
        'programme_rule_cycle',
        `Prerequisites go round in a circle: ${cycles.map(codes).join('; ')}. Nothing was saved.`,
        cycles.map((cycle) => ({ field: `modules[${rowOf(cycle[0])}].prerequisites`, reason: `cycle ${codes(cycle)}` })),
      );
    }
    return {
      awardingInstitutionIds: input.awardingInstitutionIds,
      electiveGroups: input.electiveGroups.map((group) => ({ code: group.code, minimumModules: group.minimumModules })),
      modules: input.modules.map((entry) => ({
        moduleId: entry.moduleId,
        electiveGroup: entry.required ? null : entry.electiveGroup!,
        prerequisites: entry.prerequisites ?? [],
      })),
    };
  }
}

const duplicateCode = (code: string) =>
  conflict('duplicate_code', `The institution already has a programme ${code}.`, [{ field: 'code', reason: 'already exists' }]);

export function toProgrammeDto(programme: Programme): ProgrammeDto {
  const groups = [...(programme.electiveGroups ?? [])].sort((a, b) => a.code.localeCompare(b.code));
  const codeOf = new Map(groups.map((group) => [group.id, group.code]));
  const entries = [...(programme.modules ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((entry) => ({
      moduleId: entry.moduleId,
      code: entry.module!.code,
      title: entry.module!.title,
      hours: entry.module!.hours,
      ectsCredits: entry.module!.ectsCredits,
      modality: entry.module!.modality,
      required: entry.electiveGroupId === null,
      electiveGroup: entry.electiveGroupId ? (codeOf.get(entry.electiveGroupId) ?? null) : null,
      prerequisites: entry.prerequisiteModuleIds,
    }));
  return {
    id: programme.id,
    code: programme.code,
    kind: programme.kind,
    title: programme.title,
    description: programme.description,
    ownerInstitutionId: programme.ownerInstitutionId,
    awardingInstitutions: [...(programme.awards ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((award) => ({
        id: award.institutionId,
        name: award.institution!.name,
        lead: award.institutionId === programme.ownerInstitutionId,
      })),
    modules: entries,
    electiveGroups: groups.map((group) => ({
      code: group.code,
      minimumModules: group.minimumModules,
      moduleIds: entries.filter((entry) => entry.electiveGroup === group.code).map((entry) => entry.moduleId),
    })),
    minimumAverage: programme.minimumAverage,
    internshipRequired: programme.internshipRequired,
    ...programmeTotals(entries, groups),
    createdAt: programme.createdAt,
    updatedAt: programme.updatedAt,
  };
}
