import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor, ROLES } from '../auth/roles.js';
import { ParseIdPipe } from '../common/validation.js';
import {
  AssessmentDto,
  CreateAssessmentDto,
  CreateEnrolmentDto,
  EnrolmentDto,
  QuestionnaireComparisonDto,
  UpdateEnrolmentDto,
} from './dto/records.dto.js';
import { FileUpload, type ReceivedFile, requireFile, UploadedFile } from '../interop/upload.js';
import { ResultsImportDto, ResultsImportFields } from './dto/results-import.dto.js';
import { RecordsService } from './records.service.js';
import { ResultsImportService } from './results-import.service.js';

@ApiTags('training records')
@Controller()
export class SessionRecordsController {
  constructor(
    private readonly records: RecordsService,
    private readonly results: ResultsImportService,
  ) {}

  @Post('sessions/:id/enrolments')
  @Allow('admin', 'registrar', 'hr_manager')
  @ApiOperation({
    summary:
      'Offer a place (organising school’s registrar) or request one for a member of staff (employer’s HR); the other side accepts. Refused when the session is full',
  })
  enrol(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateEnrolmentDto, @CurrentActor() actor: Actor): Promise<EnrolmentDto> {
    return this.records.enrol(id, dto, actor);
  }

  @Post('enrolments/:id/acceptance')
  @Allow(...ROLES)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Accept an enrolment: the school accepts a request, the learner (or their employer’s HR) an offer; only then may the school read and add to the learner’s record',
  })
  @ApiOkResponse({ type: EnrolmentDto })
  accept(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<EnrolmentDto> {
    return this.records.accept(id, actor);
  }

  @Get('sessions/:id/enrolments')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Enrolments of a session' })
  @ApiOkResponse({ type: [EnrolmentDto] })
  enrolments(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<EnrolmentDto[]> {
    return this.records.listEnrolments(id, actor);
  }

  @Patch('enrolments/:id')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Record attendance, completion (yields evidence) or withdrawal' })
  updateEnrolment(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateEnrolmentDto,
    @CurrentActor() actor: Actor,
  ): Promise<EnrolmentDto> {
    return this.records.updateEnrolment(id, dto, actor);
  }

  @Post('sessions/:id/assessments')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Record an assessment of an enrolled learner; a passed exam or grid completes the module' })
  assess(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateAssessmentDto, @CurrentActor() actor: Actor): Promise<AssessmentDto> {
    return this.records.addAssessment(id, dto, actor);
  }

  @Get('sessions/:id/assessments')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Assessments of a session' })
  @ApiOkResponse({ type: [AssessmentDto] })
  assessments(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<AssessmentDto[]> {
    return this.records.listAssessments(id, actor);
  }

  @Post('results-imports')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Import results from a CSV (learner, module, score, completed_at) or a Moodle grade export; all rows or none' })
  @FileUpload('CSV, UTF-8', {
    moduleCode: { type: 'string', description: 'Module code (Moodle grade export only)' },
    completedAt: { type: 'string', format: 'date', description: 'Completion date (Moodle grade export only)' },
    maxScore: { type: 'string', description: 'Top of the course total (Moodle grade export only, default 100)' },
  })
  importResults(
    @UploadedFile() file: ReceivedFile | undefined,
    @Body() fields: ResultsImportFields,
    @CurrentActor() actor: Actor,
  ): Promise<ResultsImportDto> {
    return this.results.import(requireFile(file).buffer, fields, actor);
  }

  @Get('sessions/:id/questionnaire-comparison')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Pre/post-training questionnaires: average gain and share of learners who improved' })
  compare(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<QuestionnaireComparisonDto> {
    return this.records.compareQuestionnaires(id, actor);
  }
}
