// Opens the database: a PostgreSQL server when a URL is given, otherwise embedded PGlite served over
// the PostgreSQL wire protocol on a private Unix socket, so both paths use the same `pg` driver and migrations.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';
import { ChangeNotifications } from './change-notifications.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { migrations, entities } from './schema.js';
import { boundedPoolOptions, DEFAULT_TIMEOUTS, type DatabaseTimeouts } from './timeouts.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  kind: DatabaseKind;
  /** Connection URL (the embedded server's socket directory for PGlite), for other clients such as the job queue. */
  url: string;
  /** The bounds on every wait for a server (none for the embedded database, which lives in this process). */
  timeouts?: DatabaseTimeouts;
  dataSource: DataSource;
  /** Changes committed by other processes, as they commit (PostgreSQL server only). */
  changes: ChangeNotifications;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; absent means embedded PGlite. */
  url?: string;
  /** PGlite data directory, or `memory://` for a throw-away database. */
  pgliteDir: string;
  poolSize?: number;
  /** Bounds on waits for the server; defaults in timeouts.ts. */
  timeouts?: DatabaseTimeouts;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const embedded = options.url ? undefined : await startEmbeddedPostgres(options.pgliteDir);
  const url = options.url ?? embedded!.url;
  const timeouts = embedded ? undefined : (options.timeouts ?? DEFAULT_TIMEOUTS);
  const settings = {
    type: 'postgres' as const,
    url,
    entities,
    migrations,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite: no extension to install.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    migrationsTransactionMode: 'each' as const,
  };
  const dataSource = new DataSource({
    ...settings,
    // The embedded server runs one query at a time; a few connections are enough and keep transactions isolated.
    extra: { max: embedded ? 4 : (options.poolSize ?? 10), ...(timeouts ? boundedPoolOptions(timeouts) : {}) },
  });
  guardTransactions(dataSource);
  try {
    // A migration (an index on a big table) may rightly take longer than any request: it runs on a connection of its
    // own, bounded only in how long it takes to open.
    if (timeouts) await runMigrations(new DataSource({ ...settings, extra: { max: 1, connectionTimeoutMillis: timeouts.connectMs } }));
    await dataSource.initialize();
    if (!timeouts) await dataSource.runMigrations();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  const changes = new ChangeNotifications(dataSource, embedded ? undefined : url);
  return {
    kind: embedded ? 'pglite' : 'postgres',
    url,
    timeouts,
    dataSource,
    changes,
    async close() {
      await changes.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

async function runMigrations(migrator: DataSource): Promise<void> {
  await migrator.initialize();
  try {
    await migrator.runMigrations();
  } finally {
    await migrator.destroy();
  }
}

const insideTransaction = new AsyncLocalStorage<boolean>();

/**
 * Inside a transaction every query must go through the transaction's manager. A query on another connection
 * would read outside the transaction and, on the embedded database (one session multiplexed), wait for the
 * transaction to end: a deadlock. This makes that mistake fail at once, on PostgreSQL too, so tests catch it.
 */
function guardTransactions(dataSource: DataSource): void {
  const transaction = dataSource.transaction.bind(dataSource) as (...args: unknown[]) => Promise<unknown>;
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.transaction = ((...args: unknown[]) => {
    const work = args.pop() as (manager: unknown) => Promise<unknown>;
    return transaction(...args, (manager: unknown) => insideTransaction.run(true, () => work(manager)));
  }) as DataSource['transaction'];
  dataSource.createQueryRunner = ((...args: Parameters<DataSource['createQueryRunner']>) => {
    if (insideTransaction.getStore()) throw new Error('A query ran outside the open transaction: pass its EntityManager down.');
    return createQueryRunner(...args);
  }) as DataSource['createQueryRunner'];
}
