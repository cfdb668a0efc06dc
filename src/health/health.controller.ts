import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow } from '../auth/roles.js';
import { DATABASE_KIND } from '../database/database.module.js';
import type { DatabaseKind } from '../database/database.js';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty({ enum: ['postgres', 'pglite'] }) database: DatabaseKind;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource, @Inject(DATABASE_KIND) private readonly kind: DatabaseKind) {}

  @Get() @Allow('public') @ApiOperation({ summary: 'Liveness and database check' })
  async check(): Promise<HealthDto> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', database: this.kind };
  }
}
