import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/roles.js';
import { CASE_API_PATH } from '../../frameworks/case-uris.js';
import { CaseApiService } from './case-api.service.js';
import { CaseErrorFilter, SourcedIdPipe } from './case-errors.js';
import type { CfAssociation, CfDocument, CfItem, CfPackage, JsonObject } from './case-package.types.js';
import { CaseListQuery } from './dto/case-api.dto.js';

/** 1EdTech CASE 1.1 REST binding, read-only, published frameworks only. Errors are imsx_StatusInfo objects. */
@ApiTags('CASE 1.1 API')
@ApiNotFoundResponse({ description: 'imsx_StatusInfo, codeMinor unknownobject' })
@ApiBadRequestResponse({ description: 'imsx_StatusInfo, codeMinor invaliduuid' })
@UseFilters(CaseErrorFilter)
@Controller(CASE_API_PATH.slice(1))
export class CaseApiController {
  constructor(private readonly service: CaseApiService) {}

  @Get('CFDocuments')
  @Allow('public')
  @ApiOperation({ summary: 'CFDocuments of the published frameworks (newest version of each)' })
  @ApiOkResponse({ description: '{ CFDocuments: [...] }' })
  listDocuments(@Query() query: CaseListQuery): Promise<{ CFDocuments: CfDocument[] }> {
    return this.service.listDocuments(query);
  }

  @Get('CFDocuments/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One CFDocument' })
  @ApiOkResponse({ description: 'CFDocument' })
  document(@Param('sourcedId', SourcedIdPipe) id: string): Promise<CfDocument> {
    return this.service.document(id);
  }

  @Get('CFPackages/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'A whole framework as a CFPackage' })
  @ApiOkResponse({ description: 'CFPackage' })
  package(@Param('sourcedId', SourcedIdPipe) id: string): Promise<CfPackage> {
    return this.service.package(id);
  }

  @Get('CFItems/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One CFItem' })
  @ApiOkResponse({ description: 'CFItem' })
  item(@Param('sourcedId', SourcedIdPipe) id: string): Promise<CfItem> {
    return this.service.item(id);
  }

  @Get('CFItemAssociations/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'A CFItem with its associations, isChildOf included' })
  @ApiOkResponse({ description: '{ CFItem, CFAssociations: [...] }' })
  itemAssociations(@Param('sourcedId', SourcedIdPipe) id: string): Promise<{ CFItem: CfItem; CFAssociations: CfAssociation[] }> {
    return this.service.itemAssociations(id);
  }

  @Get('CFAssociations/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One CFAssociation' })
  @ApiOkResponse({ description: 'CFAssociation' })
  association(@Param('sourcedId', SourcedIdPipe) id: string): Promise<CfAssociation> {
    return this.service.association(id);
  }

  @Get('CFRubrics/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One CFRubric with its criteria and levels' })
  @ApiOkResponse({ description: 'CFRubric' })
  rubric(@Param('sourcedId', SourcedIdPipe) id: string): Promise<JsonObject> {
    return this.service.rubric(id);
  }

  @Get('CFItemTypes/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One item type, as a set' })
  @ApiOkResponse({ description: '{ CFItemTypes: [...] }' })
  itemTypes(@Param('sourcedId', SourcedIdPipe) id: string): Promise<{ CFItemTypes: JsonObject[] }> {
    return this.service.itemTypes(id);
  }

  @Get('CFSubjects/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One subject, as a set' })
  @ApiOkResponse({ description: '{ CFSubjects: [...] }' })
  subjects(@Param('sourcedId', SourcedIdPipe) id: string): Promise<{ CFSubjects: JsonObject[] }> {
    return this.service.subjects(id);
  }

  @Get('CFConcepts/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One concept, as a set' })
  @ApiOkResponse({ description: '{ CFConcepts: [...] }' })
  concepts(@Param('sourcedId', SourcedIdPipe) id: string): Promise<{ CFConcepts: JsonObject[] }> {
    return this.service.concepts(id);
  }

  @Get('CFLicenses/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One licence' })
  @ApiOkResponse({ description: 'CFLicense' })
  license(@Param('sourcedId', SourcedIdPipe) id: string): Promise<JsonObject> {
    return this.service.license(id);
  }

  @Get('CFAssociationGroupings/:sourcedId')
  @Allow('public')
  @ApiOperation({ summary: 'One association grouping' })
  @ApiOkResponse({ description: 'CFAssociationGrouping' })
  associationGrouping(@Param('sourcedId', SourcedIdPipe) id: string): Promise<JsonObject> {
    return this.service.associationGrouping(id);
  }
}
