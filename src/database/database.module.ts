import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeNotifications } from './change-notifications.js';
import type { Database } from './database.js';

export const DATABASE_KIND = Symbol('DATABASE_KIND');
export const DATABASE = Symbol('DATABASE');

/** Provides the already opened and migrated DataSource; closes it (and the embedded server) at shutdown. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  static forDatabase(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE, useValue: database },
        { provide: DataSource, useValue: database.dataSource },
        { provide: DATABASE_KIND, useValue: database.kind },
        { provide: ChangeNotifications, useValue: database.changes },
      ],
      exports: [DataSource, DATABASE_KIND, DATABASE, ChangeNotifications],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
