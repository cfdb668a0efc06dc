import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Actor, Allow, CurrentActor } from '../../auth/roles.js';
import { ParseIdPipe } from '../../common/validation.js';
import { FileUpload, type ReceivedFile, UploadedFile } from '../upload.js';
import { MoodleExportQuery, MoodleImportFormDto, MoodleImportResultDto } from './dto/moodle.dto.js';
import { MoodleService, type CsvFile } from './moodle.service.js';

const FORM_FIELDS = {
  ownerInstitutionId: {
    type: 'string' as const,
    format: 'uuid',
    description: 'Owner; defaults to the HR manager’s institution, required for an admin',
  },
  version: { type: 'string' as const, description: 'Version label of the imported framework (default "1")' },
  language: { type: 'string' as const, description: 'Language of the file’s texts: fr (default), ar or en' },
};

/** The export's warnings travel beside the file, which must stay the CSV Moodle reads. */
const WARNINGS_HEADER = 'Export-Warnings';
const WARNINGS_HEADER_DOC = {
  description:
    'Only when Moodle will not keep everything as exported (a short name over 100 characters): a JSON array of { idNumber, reason }, non-ASCII escaped as \\uXXXX',
  schema: { type: 'string' as const },
};

/** JSON with every non-ASCII character escaped, so that it fits in a header and parses back to the same text. */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

@ApiTags('interop')
@Controller()
export class MoodleController {
  constructor(private readonly service: MoodleService) {}

  @Post('framework-imports/moodle')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Import a Moodle competency framework CSV (tool_lpimportcsv, 12 or 14 columns) as a draft version' })
  @FileUpload('Moodle competency framework CSV, UTF-8', FORM_FIELDS)
  @ApiCreatedResponse({ type: MoodleImportResultDto })
  @ApiUnsupportedMediaTypeResponse({ description: 'The file is not UTF-8' })
  @ApiBadRequestResponse({ description: 'Not a Moodle framework CSV: `errors` names the missing columns' })
  @ApiConflictResponse({ description: 'This version of the framework is published already' })
  import(
    @UploadedFile() file: ReceivedFile | undefined,
    @Body() form: MoodleImportFormDto,
    @CurrentActor() actor: Actor,
  ): Promise<MoodleImportResultDto> {
    return this.service.import(file, form, actor);
  }

  @Get('frameworks/:id/moodle-csv')
  @Allow('public')
  @ApiOperation({ summary: 'Export a framework version as a Moodle competency framework CSV (drafts only for their owners)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The 14-column CSV Moodle 4 imports',
    schema: { type: 'string' },
    headers: { [WARNINGS_HEADER]: WARNINGS_HEADER_DOC },
  })
  @ApiNotFoundResponse({ description: 'No such version, or a draft of another institution' })
  async exportCsv(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: MoodleExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor?: Actor,
  ): Promise<StreamableFile> {
    const file = await this.service.exportCsv(id, query.language, actor);
    if (file.warnings.length) reply.header(WARNINGS_HEADER, asciiJson(file.warnings));
    return asCsvDownload(file);
  }
}

/** A download named after the framework; the ASCII name for old clients, the UTF-8 one (RFC 6266) for the rest. */
function asCsvDownload(file: CsvFile): StreamableFile {
  const ascii = file.filename
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\/]/g, '_');
  return new StreamableFile(Buffer.from(file.content, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename.replace(/[\\/]/g, '_'))}`,
  });
}
