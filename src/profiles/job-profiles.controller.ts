import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../auth/roles.js';
import type { Page } from '../common/page.js';
import { ParseIdPipe } from '../common/validation.js';
import {
  ComparisonDto,
  ComparisonQuery,
  CreateJobProfileDto,
  JobProfileDetailDto,
  JobProfileDto,
  JobProfileListQuery,
  JobProfilePageDto,
  NewProfileVersionDto,
  ReplaceRequirementsDto,
  UpdateJobProfileDto,
} from './dto/job-profile.dto.js';
import { JobProfilesService } from './job-profiles.service.js';

@ApiTags('job profiles')
@Controller('job-profiles')
export class JobProfilesController {
  constructor(private readonly service: JobProfilesService) {}

  @Get()
  @Allow('public')
  @ApiOperation({ summary: 'List job profile versions (drafts only for their owners)' })
  @ApiOkResponse({ type: JobProfilePageDto })
  list(@Query() query: JobProfileListQuery, @CurrentActor() actor?: Actor): Promise<Page<JobProfileDto>> {
    return this.service.list(query, actor);
  }

  @Post()
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Create a job profile as a draft, with its required competencies' })
  create(@Body() dto: CreateJobProfileDto, @CurrentActor() actor: Actor): Promise<JobProfileDetailDto> {
    return this.service.create(dto, actor);
  }

  @Get(':id')
  @Allow('public')
  @ApiOperation({ summary: 'One job profile version with its required competencies' })
  get(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor?: Actor): Promise<JobProfileDetailDto> {
    return this.service.get(id, actor);
  }

  @Patch(':id')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Change a draft' })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateJobProfileDto,
    @CurrentActor() actor: Actor,
  ): Promise<JobProfileDetailDto> {
    return this.service.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Delete a draft' })
  @ApiNoContentResponse()
  remove(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(id, actor);
  }

  @Put(':id/requirements')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Replace the required competencies of a draft (all or nothing)' })
  replaceRequirements(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: ReplaceRequirementsDto,
    @CurrentActor() actor: Actor,
  ): Promise<JobProfileDetailDto> {
    return this.service.replaceRequirements(id, dto.requirements, actor);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Publish a draft; it becomes immutable' })
  publish(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<JobProfileDto> {
    return this.service.publish(id, actor);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Retire a published version (stays readable)' })
  retire(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<JobProfileDto> {
    return this.service.retire(id, actor);
  }

  @Post(':id/versions')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Start the next version: a draft copy with the same identifier and requirements' })
  createNextVersion(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: NewProfileVersionDto,
    @CurrentActor() actor: Actor,
  ): Promise<JobProfileDetailDto> {
    return this.service.createNextVersion(id, dto.version, actor);
  }

  @Get(':id/comparison')
  @Allow('public')
  @ApiOperation({ summary: 'What a person holding profile `from` must add to meet this profile (items and level deltas)' })
  compare(@Param('id', ParseIdPipe) id: string, @Query() query: ComparisonQuery, @CurrentActor() actor?: Actor): Promise<ComparisonDto> {
    return this.service.compare(id, query.from, actor);
  }
}
