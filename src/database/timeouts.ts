// How long anything waits for the PostgreSQL server. Without bounds, a partition (packets dropped, sockets left open)
// hangs every request until the kernel gives up on the connection, a quarter of an hour later.
import pg from 'pg';

export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** A statement on the server (statement_timeout): the server cancels it, the connection stays good. */
  statementMs: number;
  /**
   * Waiting for the server's answer, on our side: what a partition hits. Longer than statementMs, so a slow query is
   * cancelled by the server first; the connection it hits is closed, since its answer may still be on the way.
   */
  queryMs: number;
}

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, statementMs: 15_000, queryMs: 20_000 };

/** A transaction left idle by a client that vanished keeps its locks no longer than this. */
const IDLE_IN_TRANSACTION_MS = 60_000;

const READ_TIMEOUT = 'Query read timeout';

/**
 * pg's client with one change: a query that timed out on our side closes its connection. pg would otherwise keep it,
 * with the unanswered query at the head of its queue, and every later query on it would wait behind that one.
 */
export class BoundedClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: Error | null, result: unknown) => {
        this.dropIfUnanswered(error);
        (callback as (error: Error | null, result: unknown) => void)(error, result);
      };
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).catch((error: Error) => {
        this.dropIfUnanswered(error);
        throw error;
      }) as never;
    }
    return result as never;
  }

  private dropIfUnanswered(error: Error | null): void {
    const connection = (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection;
    if (error?.message === READ_TIMEOUT) connection?.stream?.destroy();
  }
}

/** Options for a pg pool (TypeORM's `extra`, pg-boss) that bound every wait on the server. */
export function boundedPoolOptions(timeouts: DatabaseTimeouts): Record<string, unknown> {
  return {
    Client: BoundedClient,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    // A dead peer is noticed by the kernel too, for connections that sit idle in the pool.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}
