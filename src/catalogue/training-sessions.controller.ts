import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../auth/roles.js';
import type { Page } from '../common/page.js';
import { ParseIdPipe } from '../common/validation.js';
import {
  CreateTrainingSessionDto,
  TrainingSessionDto,
  TrainingSessionListQuery,
  TrainingSessionPageDto,
  UpdateTrainingSessionDto,
} from './dto/training-session.dto.js';
import { TrainingSessionsService } from './training-sessions.service.js';

@ApiTags('training catalogue')
@Controller('sessions')
export class TrainingSessionsController {
  constructor(private readonly service: TrainingSessionsService) {}

  @Get()
  @Allow('public')
  @ApiOperation({ summary: 'List sessions by start date (filter by organiser, module, programme, dates)' })
  @ApiOkResponse({ type: TrainingSessionPageDto })
  list(@Query() query: TrainingSessionListQuery): Promise<Page<TrainingSessionDto>> {
    return this.service.list(query);
  }

  @Post()
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Schedule a session of a module or a programme' })
  create(@Body() dto: CreateTrainingSessionDto, @CurrentActor() actor: Actor): Promise<TrainingSessionDto> {
    return this.service.create(dto, actor);
  }

  @Get(':id')
  @Allow('public')
  @ApiOperation({ summary: 'One session with its enrolled count and seats left' })
  get(@Param('id', ParseIdPipe) id: string): Promise<TrainingSessionDto> {
    return this.service.get(id);
  }

  @Patch(':id')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Change dates, place, link, trainers or capacity of a session' })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateTrainingSessionDto,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingSessionDto> {
    return this.service.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Delete a session nobody ever enrolled in' })
  @ApiNoContentResponse()
  remove(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(id, actor);
  }
}
