import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../../auth/roles.js';
import type { Page } from '../../common/page.js';
import { type AuditEventDto, AuditEventPageDto, AuditEventQuery } from './audit-log.dto.js';
import { AuditLog } from './audit-log.service.js';

@ApiTags('credentials')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Audit log of credentials and issuer keys, newest first (a registrar sees their institution’s)' })
  @ApiOkResponse({ type: AuditEventPageDto })
  list(@Query() query: AuditEventQuery, @CurrentActor() actor: Actor): Promise<Page<AuditEventDto>> {
    return this.audit.list(query, actor);
  }
}
