import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../../auth/roles.js';
import { ParseIdPipe } from '../../common/validation.js';
import { BATCH_STATES, type BatchState, type CredentialBatch } from './credential-batch.entity.js';
import { CredentialBatchesService } from './credential-batches.service.js';

class BatchErrorDto {
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty() reason: string;
}

class CredentialBatchDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty({ enum: BATCH_STATES }) state: BatchState;
  @ApiProperty({ description: 'Learners to certify when the batch was planned' }) total: number;
  @ApiProperty() issued: number;
  @ApiProperty({ description: 'Already certified by other means' }) skipped: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [BatchErrorDto] }) errors: BatchErrorDto[];
  @ApiProperty({
    type: [BatchErrorDto],
    description: 'Each learner skipped and why (already certified, for this enrolment or for the module in another session)',
  })
  skips: BatchErrorDto[];
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
}

const toDto = (batch: CredentialBatch): CredentialBatchDto => ({
  id: batch.id,
  sessionId: batch.sessionId,
  state: batch.state,
  total: batch.total,
  issued: batch.issued,
  skipped: batch.skipped,
  failed: batch.failed,
  errors: batch.errors,
  skips: batch.skips,
  createdAt: batch.createdAt,
  finishedAt: batch.finishedAt,
});

@ApiTags('credentials')
@Controller()
export class CredentialBatchesController {
  constructor(private readonly batches: CredentialBatchesService) {}

  @Post('sessions/:id/credential-batches')
  @HttpCode(202)
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Certify every learner who passed the session, in the background' })
  @ApiAcceptedResponse({ type: CredentialBatchDto })
  async start(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<CredentialBatchDto> {
    return toDto(await this.batches.start(id, actor));
  }

  @Get('credential-batches/:id')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Progress of a bulk issuance' })
  async get(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<CredentialBatchDto> {
    return toDto(await this.batches.get(id, actor));
  }
}
