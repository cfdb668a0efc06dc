import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../auth/roles.js';
import type { Page } from '../common/page.js';
import { ParseIdPipe } from '../common/validation.js';
import { CreateProgrammeDto, ProgrammeDto, ProgrammeListQuery, ProgrammePageDto, UpdateProgrammeDto } from './dto/programme.dto.js';
import { ProgrammesService } from './programmes.service.js';

@ApiTags('training catalogue')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly service: ProgrammesService) {}

  @Get()
  @Allow('public')
  @ApiOperation({ summary: 'List programmes (filter by owner, awarding school, kind, module, text)' })
  @ApiOkResponse({ type: ProgrammePageDto })
  list(@Query() query: ProgrammeListQuery): Promise<Page<ProgrammeDto>> {
    return this.service.list(query);
  }

  @Post()
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Create a certificate or diploma with its modules, elective groups and prerequisites' })
  create(@Body() dto: CreateProgrammeDto, @CurrentActor() actor: Actor): Promise<ProgrammeDto> {
    return this.service.create(dto, actor);
  }

  @Get(':id')
  @Allow('public')
  @ApiOperation({ summary: 'One programme with its structure, awarding schools and minimum totals' })
  get(@Param('id', ParseIdPipe) id: string): Promise<ProgrammeDto> {
    return this.service.get(id);
  }

  @Patch(':id')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Change a programme; a new module list or group list replaces the old one' })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateProgrammeDto, @CurrentActor() actor: Actor): Promise<ProgrammeDto> {
    return this.service.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Delete a programme that has no session' })
  @ApiNoContentResponse()
  remove(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(id, actor);
  }
}
