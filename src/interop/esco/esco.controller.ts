import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../../auth/roles.js';
import { EscoImportFormDto, EscoImportResultDto } from './dto/esco.dto.js';
import { EscoImportService } from './esco-import.service.js';
import { StoredFiles, type StoredFile } from '../upload.js';
import { EscoFilesUpload } from './esco-upload.js';

@ApiTags('interop')
@Controller()
export class EscoController {
  constructor(private readonly service: EscoImportService) {}

  @Post('framework-imports/esco')
  @Allow('admin', 'hr_manager')
  @ApiOperation({
    summary:
      'Import ESCO CSV files (one release, several languages) as a published skills framework and one published job profile per occupation',
  })
  @EscoFilesUpload()
  @ApiCreatedResponse({ type: EscoImportResultDto })
  @ApiBadRequestResponse({ description: 'A file lacks a required column, no skills file, no version, or a bad form field' })
  @ApiConflictResponse({ description: 'This version is already imported and published for the institution: send another `version`' })
  import(@StoredFiles() files: StoredFile[], @Body() form: EscoImportFormDto, @CurrentActor() actor: Actor): Promise<EscoImportResultDto> {
    return this.service.import(files, form, actor);
  }
}
