import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Allow, CurrentActor } from '../auth/roles.js';
import type { Page } from '../common/page.js';
import { ParseIdPipe } from '../common/validation.js';
import {
  AssociationDto,
  CreateAssociationDto,
  CreateItemDto,
  ItemDto,
  ItemListQuery,
  ItemPageDto,
  ItemSearchQuery,
  ItemTreeNodeDto,
  UpdateItemDto,
} from './dto/item.dto.js';
import { FrameworkItemsService } from './framework-items.service.js';

@ApiTags('framework items')
@Controller()
export class FrameworkItemsController {
  constructor(private readonly service: FrameworkItemsService) {}

  @Get('framework-items')
  @Allow('public')
  @ApiOperation({ summary: 'Search competencies in any language across published frameworks' })
  @ApiOkResponse({ type: ItemPageDto })
  search(@Query() query: ItemSearchQuery, @CurrentActor() actor?: Actor): Promise<Page<ItemDto>> {
    return this.service.search(query, actor);
  }

  @Get('frameworks/:id/items')
  @Allow('public')
  @ApiOperation({ summary: 'Items of a framework version, flat and paginated' })
  @ApiOkResponse({ type: ItemPageDto })
  list(@Param('id', ParseIdPipe) id: string, @Query() query: ItemListQuery, @CurrentActor() actor?: Actor): Promise<Page<ItemDto>> {
    return this.service.list(id, query, actor);
  }

  @Get('frameworks/:id/tree')
  @Allow('public')
  @ApiOperation({ summary: 'Items of a framework version as a tree' })
  @ApiOkResponse({ type: [ItemTreeNodeDto] })
  tree(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor?: Actor): Promise<ItemTreeNodeDto[]> {
    return this.service.tree(id, actor);
  }

  @Post('frameworks/:id/items')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Add an item to a draft' })
  create(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateItemDto, @CurrentActor() actor: Actor): Promise<ItemDto> {
    return this.service.create(id, dto, actor);
  }

  @Get('frameworks/:id/items/:itemId')
  @Allow('public')
  @ApiOperation({ summary: 'One item' })
  get(@Param('id', ParseIdPipe) id: string, @Param('itemId', ParseIdPipe) itemId: string, @CurrentActor() actor?: Actor): Promise<ItemDto> {
    return this.service.get(id, itemId, actor);
  }

  @Patch('frameworks/:id/items/:itemId')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Change or move an item of a draft (cycles refused)' })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Param('itemId', ParseIdPipe) itemId: string,
    @Body() dto: UpdateItemDto,
    @CurrentActor() actor: Actor,
  ): Promise<ItemDto> {
    return this.service.update(id, itemId, dto, actor);
  }

  @Delete('frameworks/:id/items/:itemId')
  @HttpCode(204)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Delete a leaf item of a draft' })
  @ApiNoContentResponse()
  remove(@Param('id', ParseIdPipe) id: string, @Param('itemId', ParseIdPipe) itemId: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.service.remove(id, itemId, actor);
  }

  @Get('frameworks/:id/associations')
  @Allow('public')
  @ApiOperation({ summary: 'Associations owned by a framework version' })
  @ApiOkResponse({ type: [AssociationDto] })
  listAssociations(@Param('id', ParseIdPipe) id: string, @CurrentActor() actor?: Actor): Promise<AssociationDto[]> {
    return this.service.listAssociations(id, actor);
  }

  @Post('frameworks/:id/associations')
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Link an item to another item (any framework) or an external concept such as an ESCO skill' })
  addAssociation(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CreateAssociationDto,
    @CurrentActor() actor: Actor,
  ): Promise<AssociationDto> {
    return this.service.addAssociation(id, dto, actor);
  }

  @Delete('frameworks/:id/associations/:associationId')
  @HttpCode(204)
  @Allow('admin', 'hr_manager')
  @ApiOperation({ summary: 'Remove an association from a draft' })
  @ApiNoContentResponse()
  removeAssociation(
    @Param('id', ParseIdPipe) id: string,
    @Param('associationId', ParseIdPipe) associationId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.service.removeAssociation(id, associationId, actor);
  }
}
