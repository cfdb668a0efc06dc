import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageMeta, PageQuery } from '../../common/page.js';
import { AUDIT_ACTIONS, type AuditAction } from './audit-event.entity.js';

export class AuditEventQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the events of this credential' })
  @IsOptional()
  @IsUUID()
  credentialId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the events of this institution (a registrar sees their own only)' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The user who acted; null for the system' }) actorId:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) institutionId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) credentialId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) details: Record<string, unknown> | null;
}

export class AuditEventPageDto extends PageMeta {
  @ApiProperty({ type: [AuditEventDto] }) data: AuditEventDto[];
}
