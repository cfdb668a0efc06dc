import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor, ROLES } from '../auth/roles.js';
import { ParseIdPipe } from '../common/validation.js';
import { CertificatePdfService } from './certificate-pdf.service.js';

@ApiTags('credentials')
@Controller()
export class CertificatePdfController {
  constructor(private readonly pdfs: CertificatePdfService) {}

  @Get('credentials/:id/pdf')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The certificate as an A4 PDF (French and Arabic, QR code, signed credential attached)' })
  @ApiProduces('application/pdf')
  async pdf(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { pdf, filename } = await this.pdfs.render(id, actor);
    return new StreamableFile(Buffer.from(pdf), { type: 'application/pdf', disposition: `attachment; filename="${filename}"` });
  }
}
