// Changes committed by any process of a cluster, learnt at once: each process LISTENs on one connection of its own,
// and a writer announces a change with pg_notify inside its transaction (PostgreSQL delivers it at commit, never on
// rollback, and only once the change is visible to every other session). What a process keeps in memory (the signed
// status lists) can then be served without asking the database whether it moved, as long as the feed is quiet.
// The process that commits a change knows of it at its commit, without waiting for its own notification.
//
// The embedded PGlite database serves one process only: there the commits of this process are all the changes there
// are. On a server, while the connection is down, nothing is "quiet" and readers ask the database every time.
import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/** A point in the feed, taken before reading what it guards. */
export interface FeedMark {
  epoch: number;
  seq: number;
  at: number;
}

const RECONNECT_MS = { first: 500, max: 30_000 };
/**
 * How long a mark vouches at most, feed quiet or not: what a connection that died without a word (a dropped NAT
 * entry) or a pooler that does not relay notifications could hide is bounded by this.
 */
const MAX_QUIET_MS = 5_000;
/** Keys remembered before the oldest are forgotten (and every older mark with them). */
const MAX_KEYS = 10_000;

export class ChangeNotifications {
  private readonly logger = new Logger(ChangeNotifications.name);
  private readonly channels = new Set<string>();
  private client: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private retryMs = RECONNECT_MS.first;
  private retry: NodeJS.Timeout | null = null;
  /** Rises each time LISTEN is established again: a mark of an earlier epoch may have missed a change. */
  private epoch = 0;
  private seq = 0;
  /** Marks older than this are not trusted (the remembered keys were forgotten then). */
  private floor = 0;
  private readonly lastChange = new Map<string, number>();
  /** Keys announced by transactions still open, by transaction. */
  private readonly open = new Map<QueryRunner, Set<string>>();
  private readonly waiting = new Set<() => void>();

  /** `url`: the PostgreSQL server every process shares; none for the embedded database, which only this process uses. */
  constructor(
    dataSource: DataSource,
    private readonly url: string | undefined,
  ) {
    const settled = (runner: QueryRunner, committed: boolean) => {
      if (runner.isTransactionActive) return; // a savepoint: the transaction goes on
      const keys = this.open.get(runner);
      this.open.delete(runner);
      if (committed) for (const key of keys ?? []) this.received(key);
    };
    const hook: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => settled(queryRunner, true),
      afterTransactionRollback: ({ queryRunner }) => settled(queryRunner, false),
    };
    dataSource.subscribers.push(hook);
    if (!url) {
      this.epoch = 1;
      this.listening = true;
    }
  }

  /** Starts (or keeps) listening on `channel`. */
  watch(channel: string): void {
    if (!/^[a-z_]+$/.test(channel)) throw new TypeError(`bad channel name ${channel}`);
    if (!this.url || this.stopped || this.channels.has(channel)) return;
    this.channels.add(channel);
    if (!this.client) return void this.connect();
    // While connecting, connect() listens to every channel of the set; once listening, nothing is vouched for until
    // this channel is listened to as well.
    if (!this.listening) return;
    const client = this.client;
    this.listening = false;
    client.query(`LISTEN ${channel}`).then(
      () => this.listened(client),
      () => this.lost(client),
    );
  }

  /** Where the feed stands now; null when it cannot vouch for anything (its connection is down, or it was stopped). */
  mark(): FeedMark | null {
    return this.listening ? { epoch: this.epoch, seq: this.seq, at: Date.now() } : null;
  }

  /** Whether no change of `key` on `channel` can have been committed since `mark` was taken. */
  quietSince(channel: string, key: string, mark: FeedMark | null): boolean {
    if (!mark || !this.listening || mark.epoch !== this.epoch || mark.seq < this.floor || Date.now() - mark.at > MAX_QUIET_MS) return false;
    const id = `${channel}:${key}`;
    for (const keys of this.open.values()) if (keys.has(id)) return false;
    return (this.lastChange.get(id) ?? 0) <= mark.seq;
  }

  /**
   * Announces a change of `key` made in the transaction of `manager`: every process hears of it when it commits. Until
   * then, this process does not trust what it kept of `key` either.
   */
  async announce(manager: EntityManager, channel: string, key: string): Promise<void> {
    const id = `${channel}:${key}`;
    if (this.url) await manager.query(`SELECT pg_notify($1, $2)`, [channel, key]);
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) return this.received(id);
    const keys = this.open.get(runner) ?? new Set<string>();
    keys.add(id);
    this.open.set(runner, keys);
  }

  /** Resolves once listening (tests, and callers that would rather wait than ask the database). */
  async listeningNow(timeoutMs = 5_000): Promise<boolean> {
    if (this.listening || !this.url || this.stopped) return this.listening;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve(this.listening);
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiting.add(done);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    if (this.retry) clearTimeout(this.retry);
    for (const done of [...this.waiting]) done();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'change-notifications', keepAlive: true });
    this.client = client;
    client.on('notification', (message) => this.received(`${message.channel}:${message.payload ?? ''}`));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      this.logger.warn(
        `change notifications unavailable (${(error as Error).message}); reading the database each time until they are back`,
      );
      this.lost(client);
      return;
    }
    this.listened(client);
  }

  private listened(client: pg.Client): void {
    if (this.client !== client) return;
    this.epoch++;
    this.listening = true;
    this.retryMs = RECONNECT_MS.first;
    for (const done of [...this.waiting]) done();
  }

  private received(id: string): void {
    if (this.lastChange.size >= MAX_KEYS && !this.lastChange.has(id)) {
      this.lastChange.clear();
      this.floor = this.seq + 1;
    }
    this.lastChange.set(id, ++this.seq);
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    if (this.listening && !this.stopped) this.logger.warn('change notifications lost; reading the database each time until they are back');
    this.client = null;
    this.listening = false;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MS.max);
  }
}
