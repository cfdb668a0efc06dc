import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Allow, CurrentActor, ROLES } from '../auth/roles.js';
import { ParseIdPipe } from '../common/validation.js';
import { CertificatePdfService } from './certificate-pdf.service.js';

@ApiTags('credentials')
@Controller()
export class CertificatePdfController {
  constructor(private readonly pdfs: CertificatePdfService) {}

  @Get('credentials/:id/pdf') @Allow(...ROLES) @ApiOperation({ summary: 'The certificate as an A4 PDF (French and Arabic, QR code, signed credential attached)' }) @ApiProduces('application/pdf')
  async pdf(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const { pdf, filename } = await this.pdfs.render(id, actor);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    response.end(Buffer.from(pdf));
  }
}
