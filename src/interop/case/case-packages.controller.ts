import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../../auth/roles.js';
import { ParseIdPipe } from '../../common/validation.js';
import { FileUpload, type ReceivedFile, UploadedFile } from '../upload.js';
import { CasePackageService } from './case-package.service.js';
import type { CfPackage } from './case-package.types.js';
import { CaseImportFormDto, CaseImportResultDto } from './dto/case-import.dto.js';

@ApiTags('interop: CASE')
@Controller()
export class CasePackagesController {
  constructor(private readonly service: CasePackageService) {}

  @Post('framework-imports/case')
  @Allow('admin', 'hr_manager')
  @ApiOperation({
    summary: 'Import a CASE 1.0/1.1 package (CFPackage JSON) as a draft; the same identifier and version replaces that draft',
  })
  @FileUpload('CASE CFPackage, JSON in UTF-8', {
    ownerInstitutionId: { type: 'string', format: 'uuid', description: 'Owner institution; required for an administrator' },
  })
  @ApiCreatedResponse({ type: CaseImportResultDto })
  importPackage(
    @UploadedFile() file: ReceivedFile | undefined,
    @Body() form: CaseImportFormDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseImportResultDto> {
    return this.service.importPackage(file, actor, form.ownerInstitutionId);
  }

  @Get('frameworks/:id/case-package')
  @Allow('public')
  @ApiOperation({ summary: 'A framework version as a CASE 1.1 CFPackage (drafts only for their owners)' })
  @ApiOkResponse({ description: 'CFPackage JSON' })
  exportPackage(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor?: Actor): Promise<CfPackage> {
    return this.service.exportVersion(id, actor);
  }
}
