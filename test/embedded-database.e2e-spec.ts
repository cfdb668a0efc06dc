// The embedded PGlite database, whatever TEST_DATABASE_URL says: it asks for no password, so no other local user may
// reach its listener or read its files; and several connections share its one session without mixing their queries.
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src/database/database.js';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Every path under `dir` whose mode is not 0700 (directories) or 0600 (files), with its mode. */
function notPrivate(dir: string): string[] {
  const found: string[] = [];
  const mode = lstatSync(dir).mode & 0o777;
  if (mode !== 0o700) found.push(`${dir} ${mode.toString(8)}`);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isDirectory()) found.push(...notPrivate(path));
    else if ((stat.mode & 0o777) !== 0o600) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
  }
  return found;
}

/** What another local user (nobody) gets when connecting to the database's listener and reading one of its files. */
function asAnotherUser(url: string, file: string): { connect: string; read: string } {
  const script = `
    const net = require('node:net'), fs = require('node:fs');
    const url = new URL(process.argv[1]);
    const socketDir = url.searchParams.get('host');
    const target = socketDir ? { path: socketDir + '/.s.PGSQL.5432' } : { host: url.hostname, port: Number(url.port) };
    let read;
    try { fs.readFileSync(process.argv[2]); read = 'read'; } catch (error) { read = error.code; }
    const done = (connect) => { console.log(JSON.stringify({ connect, read })); process.exit(0); };
    const socket = net.connect(target, () => done('connected'));
    socket.on('error', (error) => done(error.code));
    setTimeout(() => done('timeout'), 5000);`;
  const child = spawnSync(process.execPath, ['-e', script, url, file], { uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 15_000 });
  if (child.status !== 0) throw new Error(`probe as nobody failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

describe('embedded database', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'embedded-db-test-'));
    chmodSync(root, 0o755); // like a project checkout: others may enter, so only the database's own modes protect it
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  describe('on disk', () => {
    let dataDir: string;
    let database: Database | undefined;
    beforeAll(async () => {
      dataDir = join(root, 'data');
      // Left by an earlier version, or by a careless mkdir: readable by all.
      mkdirSync(dataDir, { mode: 0o755 });
      database = await openDatabase({ pgliteDir: dataDir });
    });
    afterAll(async () => {
      await database?.close();
    });

    it('keeps its data directory 0700 and its files 0600', async () => {
      expect(database!.kind).toBe('pglite');
      await database!.dataSource.query(`CREATE TABLE gestion_de_crise (plan text)`); // new relation files
      expect(notPrivate(dataDir)).toEqual([]);
    });

    it('listens on no TCP port: a Unix socket in a directory only this user may enter', () => {
      // pg connects to the socket in the directory `host` names, whatever the URL's host says.
      const socketDir = new URL(database!.url).searchParams.get('host')!;
      expect(socketDir.startsWith('/')).toBe(true);
      expect(lstatSync(socketDir).mode & 0o777).toBe(0o700);
      expect(lstatSync(socketDir).uid).toBe(process.getuid!());
      expect(lstatSync(join(socketDir, '.s.PGSQL.5432')).isSocket()).toBe(true);
    });

    (isRoot ? it : it.skip)('is reachable by no other local user, who cannot read its files either', () => {
      expect(asAnotherUser(database!.url, join(dataDir, 'PG_VERSION'))).toEqual({ connect: 'EACCES', read: 'EACCES' });
    });

    it('leaves its files private, and its socket gone, when closed', async () => {
      const socketDir = new URL(database!.url).searchParams.get('host')!;
      await database!.close();
      database = undefined;
      expect(notPrivate(dataDir)).toEqual([]);
      expect(() => lstatSync(socketDir)).toThrow(/ENOENT/);
      // And opens again on the same files.
      database = await openDatabase({ pgliteDir: dataDir });
      expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM gestion_de_crise`)).toEqual([{ n: 0 }]);
    });
  });

  describe('shared by several connections', () => {
    let database: Database;
    beforeAll(async () => {
      database = await openDatabase({ pgliteDir: 'memory://' });
    });
    afterAll(async () => {
      await database?.close();
    });

    it('gives each of 400 parameterised queries, arriving together with transactions, its own answer', async () => {
      const db = database.dataSource;
      // A transaction that began between another connection's Parse and Bind used to take its statement: the Bind then
      // failed ("bind message supplies 1 parameters, but prepared statement "" requires 3") or the session hung.
      const answers = await Promise.all(
        Array.from({ length: 400 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, (i * 37) % 200));
          const rows: { n: number }[] =
            i % 2
              ? await db.query(`SELECT $1::int AS n`, [i])
              : await db.transaction((manager) => manager.query(`SELECT $1::int + $2::int - $3::int AS n`, [i, 7, 7]));
          return rows[0].n;
        }),
      );
      expect(answers).toEqual(Array.from({ length: 400 }, (_, i) => i));
    });
  });
});
