import { Body, Controller, Get, Header, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor, ROLES } from '../auth/roles.js';
import type { Page } from '../common/page.js';
import { ParseIdPipe } from '../common/validation.js';
import {
  CreateLearnerDto,
  GapQuery,
  GapReportDto,
  LearnerDto,
  LearnerListQuery,
  LearnerPageDto,
  TeamGapQuery,
  UpdateLearnerDto,
} from './dto/learner.dto.js';
import { CompetencyLevelDto, CreateEvidenceDto, EnrolmentDto, EvidenceDto } from './dto/records.dto.js';
import { GapsService } from './gaps.service.js';
import { LearnersService } from './learners.service.js';
import { RecordsService } from './records.service.js';
import { teamReportCsv, teamReportSvg } from './team-gaps.js';

@ApiTags('learners')
@Controller()
export class LearnersController {
  constructor(
    private readonly learners: LearnersService,
    private readonly gaps: GapsService,
    private readonly records: RecordsService,
  ) {}

  @Get('learners')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Learners the caller may see (a learner: only themself)' })
  @ApiOkResponse({ type: LearnerPageDto })
  list(@Query() query: LearnerListQuery, @CurrentActor() actor: Actor): Promise<Page<LearnerDto>> {
    return this.learners.list(query, actor);
  }

  @Post('learners')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Register a member of staff as a learner (the employer’s HR)' })
  create(@Body() dto: CreateLearnerDto, @CurrentActor() actor: Actor): Promise<LearnerDto> {
    return this.learners.create(dto, actor);
  }

  @Get('learners/:id')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'One learner (a learner: only their own record)' })
  get(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<LearnerDto> {
    return this.learners.get(id, actor);
  }

  @Patch('learners/:id')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Change a learner’s identity or job profiles (employer’s HR)' })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateLearnerDto, @CurrentActor() actor: Actor): Promise<LearnerDto> {
    return this.learners.update(id, dto, actor);
  }

  @Get('learners/:id/evidence')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Every piece of competency evidence, newest first' })
  @ApiOkResponse({ type: [EvidenceDto] })
  evidence(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<EvidenceDto[]> {
    return this.learners.evidence(id, actor);
  }

  @Post('learners/:id/evidence')
  @Allow('admin', 'hr_manager', 'registrar')
  @ApiOperation({ summary: 'Record an assessor’s workplace observation' })
  addEvidence(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateEvidenceDto, @CurrentActor() actor: Actor): Promise<EvidenceDto> {
    return this.learners.addEvidence(id, dto, actor);
  }

  @Get('learners/:id/enrolments')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The learner’s enrolments (a registrar: those in their school’s sessions), with offers awaiting acceptance' })
  @ApiOkResponse({ type: [EnrolmentDto] })
  enrolments(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<EnrolmentDto[]> {
    return this.records.listLearnerEnrolments(id, actor);
  }

  @Get('learners/:id/competencies')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Current level per competency, with the evidence that counted' })
  @ApiOkResponse({ type: [CompetencyLevelDto] })
  competencies(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<CompetencyLevelDto[]> {
    return this.learners.competencies(id, actor);
  }

  @Get('learners/:id/gaps')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Gaps against a job profile and the modules that close them in the fewest hours' })
  gapsOf(@Param('id', ParseIdPipe) id: string, @Query() query: GapQuery, @CurrentActor() actor: Actor): Promise<GapReportDto> {
    return this.gaps.forLearner(id, query.profileId, actor);
  }

  @Get('institutions/:id/team-gaps')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Team view: staff × competencies with gaps, needs per competency and per module' })
  team(@Param('id', ParseIdPipe) id: string, @Query() query: TeamGapQuery, @CurrentActor() actor: Actor) {
    return this.gaps.forTeam(id, query.profileId, query.basis, actor);
  }

  @Get('institutions/:id/team-gaps.csv')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Team view as a CSV matrix (one row per person)' })
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="team-gaps.csv"')
  async teamCsv(@Param('id', ParseIdPipe) id: string, @Query() query: TeamGapQuery, @CurrentActor() actor: Actor): Promise<string> {
    return `\uFEFF${teamReportCsv(await this.gaps.forTeam(id, query.profileId, query.basis, actor))}`; // BOM: Excel reads UTF-8 (Arabic names)
  }

  @Get('institutions/:id/team-gaps.svg')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Team view as an SVG heatmap' })
  @ApiProduces('image/svg+xml')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  async teamSvg(@Param('id', ParseIdPipe) id: string, @Query() query: TeamGapQuery, @CurrentActor() actor: Actor): Promise<string> {
    const report = await this.gaps.forTeam(id, query.profileId, query.basis, actor);
    return teamReportSvg(report, { title: `Competency gaps — ${report.institutionName}` });
  }
}
