import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../auth/roles.js';
import type { Page } from '../common/page.js';
import { ParseIdPipe } from '../common/validation.js';
import {
  CreateFrameworkDto,
  CreateScaleDto,
  FrameworkDetailDto,
  FrameworkDto,
  FrameworkListQuery,
  FrameworkPageDto,
  NewVersionDto,
  ScaleDto,
  UpdateFrameworkDto,
} from './dto/framework.dto.js';
import { FrameworksService } from './frameworks.service.js';

@ApiTags('frameworks')
@Controller('frameworks')
export class FrameworksController {
  constructor(private readonly service: FrameworksService) {}

  @Get()
  @Allow('public')
  @ApiOperation({ summary: 'List framework versions (drafts only for their owners)' })
  @ApiOkResponse({ type: FrameworkPageDto })
  list(@Query() query: FrameworkListQuery, @CurrentActor() actor?: Actor): Promise<Page<FrameworkDto>> {
    return this.service.list(query, actor);
  }

  @Post()
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Create a framework as a draft version' })
  create(@Body() dto: CreateFrameworkDto, @CurrentActor() actor: Actor): Promise<FrameworkDto> {
    return this.service.create(dto, actor);
  }

  @Get(':id')
  @Allow('public')
  @ApiOperation({ summary: 'One framework version with its proficiency scales' })
  get(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor?: Actor): Promise<FrameworkDetailDto> {
    return this.service.get(id, actor);
  }

  @Patch(':id')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Change a draft version' })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateFrameworkDto, @CurrentActor() actor: Actor): Promise<FrameworkDto> {
    return this.service.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Delete a draft version' })
  @ApiNoContentResponse()
  remove(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(id, actor);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Publish a draft; it becomes immutable' })
  publish(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<FrameworkDto> {
    return this.service.publish(id, actor);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Retire a published version (stays readable)' })
  retire(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<FrameworkDto> {
    return this.service.retire(id, actor);
  }

  @Post(':id/versions')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Start the next version: a draft copy keeping every identifier' })
  createNextVersion(@Param('id', ParseIdPipe) id: string, @Body() dto: NewVersionDto, @CurrentActor() actor: Actor): Promise<FrameworkDto> {
    return this.service.createNextVersion(id, dto.version, actor);
  }

  @Post(':id/scales')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Add a proficiency scale with its ordered levels' })
  addScale(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateScaleDto, @CurrentActor() actor: Actor): Promise<ScaleDto> {
    return this.service.addScale(id, dto, actor);
  }

  @Delete(':id/scales/:scaleId')
  @HttpCode(204)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Remove a scale from a draft' })
  @ApiNoContentResponse()
  removeScale(
    @Param('id', ParseIdPipe) id: string,
    @Param('scaleId', ParseIdPipe) scaleId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.service.removeScale(id, scaleId, actor);
  }
}
