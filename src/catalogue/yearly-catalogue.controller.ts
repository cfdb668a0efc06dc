import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { ParseIdPipe } from '../common/validation.js';
import { CatalogueDto, CatalogueQuery } from './dto/yearly-catalogue.dto.js';
import { YearlyCatalogueService } from './yearly-catalogue.service.js';

@ApiTags('training catalogue')
@Controller('institutions')
export class YearlyCatalogueController {
  constructor(private readonly service: YearlyCatalogueService) {}

  @Get(':id/catalogue')
  @Allow('public')
  @ApiOperation({ summary: 'The institution’s training catalogue for a year: its sessions by module or programme, with seats left' })
  catalogue(@Param('id', ParseIdPipe) id: string, @Query() query: CatalogueQuery): Promise<CatalogueDto> {
    return this.service.catalogueOf(id, query.year);
  }
}
