// Moodle competency framework CSV: import into a draft framework version, export of any version a caller may read.
import { Injectable } from '@nestjs/common';
import { Permission } from '../../auth/access-policy.js';
import { institutionForNew } from '../../auth/access-scopes.js';
import type { Actor } from '../../auth/roles.js';
import { LANGUAGES, type Language } from '../../common/localized-text.js';
import { invalid } from '../../common/problems.js';
import { FrameworksRepository } from '../../frameworks/frameworks.repository.js';
import { FrameworksService } from '../../frameworks/frameworks.service.js';
import { FrameworkImportService, importRejected } from '../framework-import.service.js';
import { decodeUtf8, type ReceivedFile, requireFile } from '../upload.js';
import type { MoodleImportFormDto, MoodleImportResultDto } from './dto/moodle.dto.js';
import { buildMoodleCsv, type MoodleExport } from './moodle-csv-builder.js';
import { parseMoodleFramework } from './moodle-csv-parser.js';

export type CsvFile = MoodleExport;

@Injectable()
export class MoodleService {
  constructor(
    private readonly importer: FrameworkImportService,
    private readonly frameworksService: FrameworksService,
    private readonly frameworks: FrameworksRepository,
  ) {}

  /** The file becomes a draft version; the same file imported again by the same institution replaces that draft. */
  async import(file: ReceivedFile | undefined, form: MoodleImportFormDto, actor: Actor): Promise<MoodleImportResultDto> {
    const upload = requireFile(file);
    const ownerInstitutionId = institutionForNew(
      actor,
      form.ownerInstitutionId,
      Permission.FrameworkManage,
      'ownerInstitutionId',
      'an imported framework',
    );
    const parsed = parseMoodleFramework(decodeUtf8(upload.buffer), {
      ownerInstitutionId,
      version: form.version ?? '1',
      language: form.language ?? 'fr',
    });
    if (!parsed.ok) throw parsed.status === 400 ? invalid(parsed.errors, parsed.detail) : importRejected(parsed.errors);
    const { itemIds: _itemIds, ...result } = await this.importer.import(parsed.model, actor, { ownerInstitutionId });
    return result;
  }

  async exportCsv(frameworkId: string, language: Language | undefined, actor: Actor | undefined): Promise<CsvFile> {
    const framework = await this.frameworksService.requireVisible(frameworkId, actor);
    const [scales, items, associations] = await Promise.all([
      this.frameworks.findScales(frameworkId),
      this.frameworks.findAllItems(frameworkId),
      this.frameworks.findAssociations(frameworkId),
    ]);
    const imported = (framework.extras?.moodle as { language?: Language } | undefined)?.language;
    const fallback = LANGUAGES.find((lang) => framework.title[lang]) ?? 'fr';
    return buildMoodleCsv({
      framework,
      scales: scales.map((scale) => ({ id: scale.id, levels: scale.levels ?? [] })),
      items,
      associations,
      language: language ?? imported ?? fallback,
    });
  }
}
