// A database of its own on a PostgreSQL server, dropped afterwards: each test file and each benchmark run gets one,
// so they never see each other's rows nor leave any behind. Needs CREATEDB rights on the server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ThrowAwayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function asAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `<prefix>_<random>` created on the server `serverUrl` names; `keep` leaves it there for a person to look at. */
export async function createThrowAwayDatabase(serverUrl: string, prefix: string, { keep = false } = {}): Promise<ThrowAwayDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await asAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`)).catch((error: Error) => {
    throw new Error(`Cannot create a database on ${new URL(serverUrl).host} (${error.message}): the server URL needs CREATEDB rights.`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (!keep) await asAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
