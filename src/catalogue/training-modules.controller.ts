import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../auth/roles.js';
import type { Page } from '../common/page.js';
import { ParseIdPipe } from '../common/validation.js';
import {
  CreateTrainingModuleDto,
  ReplaceOutcomesDto,
  TrainingModuleDto,
  TrainingModuleListQuery,
  TrainingModulePageDto,
  UpdateTrainingModuleDto,
} from './dto/training-module.dto.js';
import { TrainingModulesService } from './training-modules.service.js';

@ApiTags('training catalogue')
@Controller('modules')
export class TrainingModulesController {
  constructor(private readonly service: TrainingModulesService) {}

  @Get()
  @Allow('public')
  @ApiOperation({ summary: 'List training modules (filter by owner, modality, text, or a competency they develop)' })
  @ApiOkResponse({ type: TrainingModulePageDto })
  list(@Query() query: TrainingModuleListQuery): Promise<Page<TrainingModuleDto>> {
    return this.service.list(query);
  }

  @Post()
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Create a training module with its learning outcomes' })
  create(@Body() dto: CreateTrainingModuleDto, @CurrentActor() actor: Actor): Promise<TrainingModuleDto> {
    return this.service.create(dto, actor);
  }

  @Get(':id')
  @Allow('public')
  @ApiOperation({ summary: 'One training module with its learning outcomes' })
  get(@Param('id', ParseIdPipe) id: string): Promise<TrainingModuleDto> {
    return this.service.get(id);
  }

  @Patch(':id')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Change a module (outcomes have their own route)' })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateTrainingModuleDto,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingModuleDto> {
    return this.service.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Delete a module no session, programme or learner record uses' })
  @ApiNoContentResponse()
  remove(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(id, actor);
  }

  @Put(':id/outcomes')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Replace the learning outcomes of a module (all or nothing)' })
  replaceOutcomes(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: ReplaceOutcomesDto,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingModuleDto> {
    return this.service.replaceOutcomes(id, dto.outcomes, actor);
  }
}
