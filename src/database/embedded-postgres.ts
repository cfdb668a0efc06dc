// The embedded database: PGlite (PostgreSQL in WebAssembly) served over the PostgreSQL wire protocol to this process's
// `pg` clients. PGlite asks for no password, so nothing else may reach it: it listens on a Unix socket in a fresh
// 0700 directory (no TCP port another local user could open), and its data directory is 0700 with 0600 files.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

export interface EmbeddedPostgres {
  /** `pg` connection string naming the socket's directory. */
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  // Loaded lazily: production never pays for the WASM build.
  const [{ PGlite }, { pg_trgm }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite-socket'),
  ]);
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700); // a directory made by an earlier version was 0755
  }
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  // PGlite unpacks its initial cluster as 0666 files; PostgreSQL's own files are 0600 already.
  if (onDisk) makePrivate(dataDir);
  const socketDir = mkdtempSync(join(tmpdir(), 'pglite-')); // 0700, ours alone
  // Several client connections are multiplexed: one holding a transaction makes the others wait.
  const server = new PGLiteSocketServer({ db: oneStatementAtATime(db), path: join(socketDir, '.s.PGSQL.5432'), maxConnections: 8 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  return {
    // `host` names the socket's directory and wins over the URL's host (pg); the URL must still parse as one.
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
      if (onDisk) makePrivate(dataDir);
    },
  };
}

/** Directories 0700, files 0600, under `dir` (symbolic links left alone). */
function makePrivate(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isDirectory()) makePrivate(path);
    else if (stat.isFile() && (stat.mode & 0o777) !== 0o600) chmodSync(path, 0o600);
  }
}

/**
 * The socket server queues wire-protocol messages one by one and keeps a connection to itself only inside a
 * transaction. A parameterised query is several messages (Parse, Bind, Describe, Execute, then Sync), so another
 * connection's Parse could land between them: "bind message supplies 1 parameters, but prepared statement "" requires
 * 3", or worse, one query run with another's parameters. Reporting such a sequence as "in a transaction" until its Sync
 * keeps it on its connection.
 */
function oneStatementAtATime(db: PGlite): PGlite {
  let sequenceOpen = false;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'isInTransaction') return () => sequenceOpen || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          sequenceOpen = EXTENDED_QUERY_MESSAGES.has(message[0]);
          return target.execProtocolRawStream(message, options);
        };
      }
      // The queue rolls back a departed connection's transaction: its unfinished sequence ends with it.
      if (property === 'exec') return (...args: Parameters<PGlite['exec']>) => ((sequenceOpen = false), target.exec(...args));
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Parse, Bind, Describe, Execute, Close and Flush: messages that a Sync ('S') ends. */
const EXTENDED_QUERY_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((type) => type.charCodeAt(0)));
