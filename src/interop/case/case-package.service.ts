// CASE packages: import one as a draft version, export any version the caller may read.
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Framework } from '../../frameworks/framework.entity.js';
import { FrameworksRepository } from '../../frameworks/frameworks.repository.js';
import { FrameworksService } from '../../frameworks/frameworks.service.js';
import { FrameworkImportService } from '../framework-import.service.js';
import { decodeUtf8, type ReceivedFile, requireFile } from '../upload.js';
import { parseCasePackage } from './case-package-reader.js';
import { buildCasePackage, caseContext, type CaseContext } from './case-package-writer.js';
import type { CfPackage } from './case-package.types.js';
import { CaseRepository } from './case.repository.js';
import type { CaseImportResultDto } from './dto/case-import.dto.js';

@Injectable()
export class CasePackageService {
  constructor(
    private readonly importer: FrameworkImportService,
    private readonly versions: FrameworksService,
    private readonly frameworks: FrameworksRepository,
    private readonly cases: CaseRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async importPackage(file: ReceivedFile | undefined, actor: Actor, ownerInstitutionId?: string): Promise<CaseImportResultDto> {
    const model = parseCasePackage(decodeUtf8(requireFile(file).buffer));
    const { itemIds: _itemIds, ...result } = await this.importer.import(model, actor, { ownerInstitutionId });
    return result;
  }

  async exportVersion(id: string, actor: Actor | undefined): Promise<CfPackage> {
    return this.packageOf(await this.versions.requireVisible(id, actor));
  }

  async packageOf(framework: Framework): Promise<CfPackage> {
    const [context, items, associations] = await Promise.all([
      this.contextOf(framework),
      this.cases.findItems(framework.id),
      this.cases.findAssociations(framework.id),
    ]);
    return buildCasePackage(context, items, associations);
  }

  async contextOf(framework: Framework): Promise<CaseContext> {
    return (await this.contextsOf([framework]))[0];
  }

  /** Several versions at once, in two queries (the CFDocuments list). */
  async contextsOf(frameworks: Framework[]): Promise<CaseContext[]> {
    const [scales, owners] = await Promise.all([
      this.frameworks.findScalesOfFrameworks(frameworks.map((framework) => framework.id)),
      this.cases.institutionNames(frameworks.map((framework) => framework.ownerInstitutionId)),
    ]);
    return frameworks.map((framework) =>
      caseContext(
        {
          framework,
          scales: scales.filter((scale) => scale.frameworkId === framework.id),
          ownerName: owners.get(framework.ownerInstitutionId) ?? null,
        },
        this.config.publicBaseUrl,
      ),
    );
  }
}
