// Opt-in multi-process serving: WEB_CONCURRENCY=N (N > 1) forks N workers sharing the listening port (node:cluster),
// so that CPU-bound requests (signature checks on verification) use N cores. Only with DATABASE_URL: the embedded
// PGlite database lives inside one process. The primary prepares the database once (migrations, first administrator,
// demo data) before forking; the workers only serve (and work background jobs, which pg-boss shares between them).
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { type AppConfig, ConfigError } from './config/app-config.js';
import { developmentKeyEncryptionKey } from './credentials/issuers/issuer-keys.service.js';

/** How many processes WEB_CONCURRENCY asks for: 1 when unset, and always 1 inside a worker. */
export function webConcurrency(env: NodeJS.ProcessEnv, config: AppConfig): number {
  if (cluster.isWorker) return 1;
  const raw = env.WEB_CONCURRENCY;
  if (raw === undefined || raw === '') return 1;
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new ConfigError(['WEB_CONCURRENCY must be an integer between 1 and 64']);
  if (workers > 1 && !config.databaseUrl) {
    throw new ConfigError([
      'WEB_CONCURRENCY > 1 needs DATABASE_URL: the embedded PGlite database lives inside one process and cannot be shared by several workers',
    ]);
  }
  return workers;
}

export const isClusterWorker = (): boolean => cluster.isWorker;

/**
 * The primary: runs `prepare` once, forks the workers, re-forks one that dies after it started serving, and passes
 * SIGTERM/SIGINT on to them. A worker that dies before listening (bad configuration, database down) stops the whole
 * cluster instead of being re-forked in a loop. Secrets a single process would generate for itself (the JWT secret,
 * the development key-encryption key) are generated here once and given to every worker: otherwise a token signed by
 * one worker, or an issuer key sealed by one, would not open in another.
 */
export async function runPrimary(config: AppConfig, workers: number, prepare: (config: AppConfig) => Promise<void>): Promise<void> {
  const logger = new Logger('Cluster');
  const shared: Record<string, string> = {};
  let effective = config;
  if (config.jwt.generated) shared.JWT_SECRET = config.jwt.secret;
  if (!config.credentials.keyEncryptionKey) {
    const { kek, file } = developmentKeyEncryptionKey(config.pgliteDir);
    shared.KEY_ENCRYPTION_KEY = kek.toString('hex');
    effective = { ...config, credentials: { ...config.credentials, keyEncryptionKey: kek } };
    logger.warn(
      `KEY_ENCRYPTION_KEY is not set: the workers share a development key ${file ? `kept in ${file}` : 'held in memory for the life of the cluster'}. Set KEY_ENCRYPTION_KEY outside development.`,
    );
  }
  await prepare(effective);

  let stopping = false;
  const listening = new Set<number>();
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!listening.has(worker.id)) {
      logger.error(`worker ${worker.process.pid} exited before serving (${signal ?? `code ${code}`}): stopping`);
      stopAll('SIGTERM');
      process.exitCode = 1;
      return;
    }
    logger.error(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}): starting another`);
    cluster.fork(shared);
  });
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  };
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
  for (let i = 0; i < workers; i++) cluster.fork(shared);
  logger.log(`${workers} workers sharing port ${config.port} (WEB_CONCURRENCY)`);
}
