import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../../auth/roles.js';
import { ParseIdPipe } from '../../common/validation.js';
import { CredentialDto } from '../dto/credential.dto.js';
import { IssueTranscriptDto } from './transcript.dto.js';
import { TranscriptsService } from './transcripts.service.js';

// A learner's transcripts are listed with their other credentials: GET /learners/{id}/credentials (kind "transcript").
@ApiTags('credentials')
@Controller()
export class TranscriptsController {
  constructor(private readonly transcripts: TranscriptsService) {}

  @Post('learners/:id/transcripts')
  @Allow('admin', 'registrar')
  @ApiCreatedResponse({ type: CredentialDto })
  @ApiOperation({
    summary:
      'Issue a CLR 2.0 transcript of the learner’s record in a programme, bundling their module certificates (409 when there is none)',
  })
  issue(@Param('id', ParseIdPipe) id: string, @Body() dto: IssueTranscriptDto, @CurrentActor() actor: Actor): Promise<CredentialDto> {
    return this.transcripts.issue(id, dto, actor);
  }
}
