import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../../auth/roles.js';
import { ParseIdPipe } from '../../common/validation.js';
import { IssuerIdentityService } from './issuer-identity.service.js';
import { IssuerKeyDto, RotateIssuerKeyDto } from './issuer-keys.dto.js';

@ApiTags('institutions')
@Controller('institutions/:id/issuer-keys')
export class IssuerKeysController {
  constructor(private readonly identity: IssuerIdentityService) {}

  @Get()
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'An institution’s signing keys, current and retired (public keys only)' })
  @ApiOkResponse({ type: [IssuerKeyDto] })
  list(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<IssuerKeyDto[]> {
    return this.identity.listKeys(id, actor);
  }

  @Post('rotation')
  @Allow('admin', 'registrar')
  @ApiOperation({ summary: 'Replace the signing key; the old one stays in the DID document so what it signed still verifies' })
  @ApiCreatedResponse({ type: IssuerKeyDto })
  rotate(@Param('id', ParseIdPipe) id: string, @Body() dto: RotateIssuerKeyDto, @CurrentActor() actor: Actor): Promise<IssuerKeyDto> {
    return this.identity.rotate(id, actor, dto.reason);
  }
}
