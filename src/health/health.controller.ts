import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Allow } from '../auth/roles.js';
import { DATABASE_KIND } from '../database/database.module.js';
import type { DatabaseKind } from '../database/database.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../database/unavailable.js';

/** A probe must answer before a load balancer gives up on it, whatever the database does. */
const CHECK_TIMEOUT_MS = 2_000;

class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['postgres', 'pglite', 'down'], description: 'The database kind, or `down` when it does not answer' }) database:
    DatabaseKind | 'down';
  @ApiPropertyOptional({ description: 'Why the database is counted down' }) detail?: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly kind: DatabaseKind,
  ) {}

  @Get()
  @Allow('public')
  @ApiOperation({ summary: 'Liveness and database check (503 with Retry-After when the database does not answer within 2 s)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async check(@Res({ passthrough: true }) response: FastifyReply): Promise<HealthDto> {
    let timer: NodeJS.Timeout | undefined;
    const silent = new Error(`it did not answer within ${CHECK_TIMEOUT_MS} ms`);
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(silent), CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ok', database: this.kind };
    } catch (error) {
      // The driver's message names hosts and ports: logged, not published.
      this.logger.warn(`health: database down: ${(error as Error).message}`);
      void response.status(503).header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      return { status: 'unavailable', database: 'down', detail: error === silent ? silent.message : 'the connection to it failed' };
    } finally {
      clearTimeout(timer);
    }
  }
}
