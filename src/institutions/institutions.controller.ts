import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Put, StreamableFile } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../auth/roles.js';
import { FileUpload, type ReceivedFile, requireFile, UploadedFile } from '../interop/upload.js';
import { ParseIdPipe } from '../common/validation.js';
import { CreateInstitutionDto, InstitutionDto, UpdateInstitutionDto } from './dto/institution.dto.js';
import { InstitutionsService } from './institutions.service.js';

@ApiTags('institutions')
@Controller('institutions')
export class InstitutionsController {
  constructor(private readonly service: InstitutionsService) {}

  @Get()
  @Allow('public')
  @ApiOperation({ summary: 'List schools and hospitals' })
  list(): Promise<InstitutionDto[]> {
    return this.service.list();
  }

  @Get(':id')
  @Allow('public')
  @ApiOperation({ summary: 'One institution' })
  get(@Param('id', ParseIdPipe) id: string): Promise<InstitutionDto> {
    return this.service.get(id);
  }

  @Post()
  @Allow('admin')
  @ApiOperation({ summary: 'Register an institution' })
  create(@Body() dto: CreateInstitutionDto): Promise<InstitutionDto> {
    return this.service.create(dto);
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({ summary: 'Change an institution' })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateInstitutionDto): Promise<InstitutionDto> {
    return this.service.update(id, dto);
  }

  @Put(':id/logo')
  @HttpCode(204)
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Upload the logo printed on the school’s certificates (PNG, 512 kB, at most 2000 × 2000 px)' })
  @ApiNoContentResponse()
  @FileUpload('PNG image')
  setLogo(
    @Param('id', ParseIdPipe) id: string,
    @UploadedFile() file: ReceivedFile | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.service.setLogo(id, requireFile(file).buffer, actor);
  }

  @Get(':id/logo')
  @Allow('public')
  @ApiOperation({ summary: 'The school’s logo' })
  @ApiProduces('image/png')
  @Header('Content-Type', 'image/png')
  async logo(@Param('id', ParseIdPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.service.logo(id));
  }
}
