import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { ParseIdPipe } from '../common/validation.js';
import { CreateInstitutionDto, InstitutionDto, UpdateInstitutionDto } from './dto/institution.dto.js';
import { InstitutionsService } from './institutions.service.js';

@ApiTags('institutions')
@Controller('institutions')
export class InstitutionsController {
  constructor(private readonly service: InstitutionsService) {}

  @Get() @Allow('public') @ApiOperation({ summary: 'List schools and hospitals' })
  list(): Promise<InstitutionDto[]> { return this.service.list(); }

  @Get(':id') @Allow('public') @ApiOperation({ summary: 'One institution' })
  get(@Param('id', ParseIdPipe) id: string): Promise<InstitutionDto> { return this.service.get(id); }

  @Post() @Allow('admin') @ApiOperation({ summary: 'Register an institution' })
  create(@Body() dto: CreateInstitutionDto): Promise<InstitutionDto> { return this.service.create(dto); }

  @Patch(':id') @Allow('admin') @ApiOperation({ summary: 'Change an institution' })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateInstitutionDto): Promise<InstitutionDto> { return this.service.update(id, dto); }
}
