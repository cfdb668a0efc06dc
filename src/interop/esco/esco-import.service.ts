// ESCO import: the files of one release (several languages) become a published skills framework and one published
// job profile per occupation, in a single transaction. Files are read as streams and removed afterwards.
import { HttpException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../../auth/access-policy.js';
import { institutionForNew } from '../../auth/access-scopes.js';
import type { Actor } from '../../auth/roles.js';
import { Clock, IdSource } from '../../common/clock.js';
import { searchableText } from '../../common/localized-text.js';
import { conflict, invalid } from '../../common/problems.js';
import type { JobProfile } from '../../profiles/job-profile.entity.js';
import { FrameworkImportService, importRejected } from '../framework-import.service.js';
import { FrameworksRepository } from '../../frameworks/frameworks.repository.js';
import type { EscoImportFormDto, EscoImportResultDto } from './dto/esco.dto.js';
import { readEscoDataset } from './esco-dataset.js';
import type { StoredFile } from '../upload.js';
import { describeUpload, releaseNamedIn } from './esco-files.js';
import { buildEscoImport, ESCO_SCALE_CODE, type EscoProfileDraft } from './esco-model.js';
import { EscoProfilesRepository, type RequirementInsert } from './esco-profiles.repository.js';

@Injectable()
export class EscoImportService {
  constructor(
    private readonly profiles: EscoProfilesRepository,
    private readonly importer: FrameworkImportService,
    private readonly frameworks: FrameworksRepository,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async import(uploads: StoredFile[], form: EscoImportFormDto, actor: Actor): Promise<EscoImportResultDto> {
    const started = performance.now();
    const ownerInstitutionId = institutionForNew(
      actor,
      form.ownerInstitutionId,
      Permission.FrameworkManage,
      'ownerInstitutionId',
      'an ESCO import',
    );
    const version = form.version ?? this.releaseOf(uploads);
    const iscoGroups = (form.iscoGroups ?? '')
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean);
    const files = uploads.map(describeUpload);
    if (!files.some((file) => file.kind === 'skills'))
      throw invalid([{ field: 'skills_en', reason: 'at least one skills file is required (skills_en, skills_fr or skills_ar)' }]);
    if (iscoGroups.length && !files.some((file) => file.kind === 'occupations'))
      throw invalid([{ field: 'iscoGroups', reason: 'selecting ISCO groups needs the occupations files' }]);

    const model = buildEscoImport(await readEscoDataset(files, { iscoGroups }), { ownerInstitutionId, version, iscoGroups });
    if (!model.framework.items.length) {
      throw importRejected([
        {
          field: iscoGroups.length ? 'iscoGroups' : 'skills',
          reason: iscoGroups.length
            ? `no occupation of the files is in ISCO groups ${iscoGroups.join(', ')}, or none has a skill in the skills files`
            : 'the skills files hold no skill',
        },
      ]);
    }

    return this.profiles.transaction(async (manager) => {
      const imported = await this.importer
        .import(model.framework, actor, { ownerInstitutionId, publish: true, sharedItems: true, manager })
        .catch((error: unknown) => {
          throw isCode(error, 'version_published') ? this.alreadyImported(version) : error;
        });
      const levelId = (await this.frameworks.findScales(imported.frameworkId, manager)).find((scale) => scale.code === ESCO_SCALE_CODE)!
        .levels![0].id;
      await this.writeProfiles(model.profiles, { itemIds: imported.itemIds, levelId, ownerInstitutionId, version, actor }, manager);
      return {
        frameworkId: imported.frameworkId,
        identifier: imported.identifier,
        version,
        languages: [...new Set(files.map((f) => f.language).filter((l) => l !== null))],
        items: imported.items,
        skills: model.skills,
        skillGroups: model.skillGroups,
        occupations: model.profiles.length,
        occupationsWithoutSkills: model.occupationsWithoutSkills,
        relations: model.relations,
        skippedRelations: model.skippedRelations,
        durationMs: Math.round(performance.now() - started),
      };
    });
  }

  /**
   * Same version of a profile lineage: a draft is replaced, a published one refuses the import (profiles are
   * immutable once published). A new version links to the newest existing one.
   */
  private async writeProfiles(
    drafts: EscoProfileDraft[],
    context: { itemIds: Map<string, string>; levelId: string; ownerInstitutionId: string; version: string; actor: Actor },
    manager: EntityManager,
  ): Promise<void> {
    const stored = await this.profiles.findVersionsOf(
      drafts.map((draft) => draft.identifier),
      manager,
    );
    const sameVersion = stored.filter((row) => row.version === context.version);
    if (sameVersion.some((row) => row.status !== 'draft')) throw this.alreadyImported(context.version);
    requireOnInstitutions(
      context.actor,
      Permission.FrameworkManage,
      sameVersion.map((row) => row.ownerInstitutionId),
    );
    await this.profiles.deleteVersions(
      sameVersion.map((row) => row.id),
      manager,
    );
    const previous = new Map<string, string>();
    for (const row of stored) if (row.version !== context.version && !previous.has(row.identifier)) previous.set(row.identifier, row.id);

    const publishedAt = this.clock.now();
    const requirements: RequirementInsert[] = [];
    const rows = drafts.map((draft): Partial<JobProfile> => {
      const id = this.ids.uuid();
      draft.requirements.forEach((requirement, position) =>
        requirements.push({
          id: this.ids.uuid(),
          profileId: id,
          itemId: context.itemIds.get(requirement.itemIdentifier)!,
          levelId: context.levelId,
          essential: requirement.essential,
          position,
        }),
      );
      return {
        id,
        identifier: draft.identifier,
        version: context.version,
        status: 'published',
        code: draft.code,
        family: draft.family,
        subFamily: null,
        title: draft.title,
        definition: draft.definition,
        activities: [],
        iscoCode: draft.iscoCode,
        escoUri: draft.escoUri,
        ownerInstitutionId: context.ownerInstitutionId,
        searchText: searchableText(draft.code, draft.title, draft.family),
        previousVersionId: previous.get(draft.identifier) ?? null,
        publishedAt,
        retiredAt: null,
      };
    });
    await this.profiles.insertProfiles(rows, manager);
    await this.profiles.insertRequirements(requirements, manager);
  }

  private releaseOf(uploads: StoredFile[]): string {
    const { release, conflicting } = releaseNamedIn(uploads);
    if (release) return release;
    throw invalid([
      {
        field: 'version',
        reason: conflicting.length
          ? `required: the file names name several ESCO releases (${conflicting.join(', ')})`
          : 'required: the file names do not tell the ESCO release (e.g. v1.2.0)',
      },
    ]);
  }

  private alreadyImported(version: string): HttpException {
    return conflict(
      'version_published',
      `Version ${version} of this ESCO import is already published for the institution and cannot be replaced; send the files again with another \`version\` form field (e.g. "${version}-2").`,
    );
  }
}

const isCode = (error: unknown, code: string): boolean =>
  error instanceof HttpException && (error.getResponse() as { code?: string } | undefined)?.code === code;
