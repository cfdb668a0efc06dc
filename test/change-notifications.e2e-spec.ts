// The change feed every process listens to (LISTEN/NOTIFY): quiet about a key until a change of it commits, never on
// a rollback, and vouching for nothing while its connection is down or for anything read before it came back. The
// process that commits a change knows of it at its commit; on the embedded database that process is the only one.
import { jest } from '@jest/globals';
import { ChangeNotifications, type FeedMark } from '../src/database/change-notifications.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CHANNEL = 'test_changes';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Only a PostgreSQL server has other processes to hear from. */
const onServer = !!process.env.TEST_DATABASE_URL;
const serverIt = onServer ? it : it.skip;

/** Waits until `condition` holds (a notification crosses two connections), or the deadline passes. */
async function eventually(condition: () => boolean, ms = 5_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; !condition() && Date.now() < deadline;) await sleep(5);
  return condition();
}

describe('change notifications', () => {
  let ctx: TestApp;
  let feeds: ChangeNotifications[] = [];
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => {
    await ctx?.close();
  });
  afterEach(async () => {
    await Promise.all(feeds.map((feed) => feed.stop()));
    feeds = [];
  });

  async function newFeed(): Promise<ChangeNotifications> {
    const feed = new ChangeNotifications(ctx.database.dataSource, onServer ? ctx.database.url : undefined);
    feeds.push(feed);
    feed.watch(CHANNEL);
    expect(await feed.listeningNow()).toBe(true);
    return feed;
  }
  const announce = (feed: ChangeNotifications, key: string, outcome: 'commit' | 'rollback', during?: () => void) =>
    ctx.database.dataSource
      .transaction(async (manager) => {
        await feed.announce(manager, CHANNEL, key);
        during?.();
        if (outcome === 'rollback') throw new Error('rolled back');
      })
      .catch((error: Error) => {
        if (error.message !== 'rolled back') throw error;
      });

  it('knows of a change this process commits from its commit on, and of none it rolls back', async () => {
    const feed = await newFeed();
    const before = feed.mark();
    expect(before).not.toBeNull();
    expect(feed.quietSince(CHANNEL, 'list-a', before)).toBe(true);

    let duringTransaction: boolean | undefined;
    await announce(feed, 'list-a', 'rollback', () => {
      duringTransaction = feed.quietSince(CHANNEL, 'list-a', before);
    });
    expect(duringTransaction).toBe(false); // announced, not yet settled: not trusted
    expect(feed.quietSince(CHANNEL, 'list-a', before)).toBe(true);

    await announce(feed, 'list-a', 'commit');
    expect(feed.quietSince(CHANNEL, 'list-a', before)).toBe(false); // at once, not when the notification comes back
    expect(feed.quietSince(CHANNEL, 'list-b', before)).toBe(true); // another key: still quiet
    expect(feed.quietSince(CHANNEL, 'list-a', feed.mark())).toBe(true); // a mark taken after the change
  });

  serverIt('hears of a change another process commits, and of none it rolls back', async () => {
    const reader = await newFeed();
    const before = reader.mark();
    // Another process: its own connection, outside this feed's transactions.
    const other = ctx.database.dataSource.createQueryRunner();
    try {
      await other.startTransaction();
      await other.query(`SELECT pg_notify($1, 'list-c')`, [CHANNEL]);
      await other.rollbackTransaction();
      await sleep(200); // time enough for a notification to arrive, had there been one
      expect(reader.quietSince(CHANNEL, 'list-c', before)).toBe(true);

      await other.query(`SELECT pg_notify($1, 'list-c')`, [CHANNEL]);
      expect(await eventually(() => !reader.quietSince(CHANNEL, 'list-c', before))).toBe(true);
    } finally {
      await other.release();
    }
  });

  serverIt('vouches for nothing while its connection is down, and for nothing read before it came back', async () => {
    const feed = await newFeed();
    const before = feed.mark() as FeedMark;
    await ctx.database.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'change-notifications' AND datname = current_database()`,
    );
    expect(await eventually(() => feed.mark() === null)).toBe(true);
    expect(feed.quietSince(CHANNEL, 'list-d', before)).toBe(false);
    // It connects again by itself; a change committed while it was away cannot be vouched for by an old mark.
    expect(await feed.listeningNow(10_000)).toBe(true);
    expect(feed.quietSince(CHANNEL, 'list-d', before)).toBe(false);
    expect(feed.quietSince(CHANNEL, 'list-d', feed.mark())).toBe(true);
  });

  it('vouches for a mark a few seconds at most, however quiet the feed (a connection can die without a word)', async () => {
    const feed = await newFeed();
    const mark = feed.mark();
    expect(feed.quietSince(CHANNEL, 'list-e', mark)).toBe(true);
    const later = Date.now() + 6_000;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(feed.quietSince(CHANNEL, 'list-e', mark)).toBe(false);
      expect(feed.quietSince(CHANNEL, 'list-e', feed.mark())).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });

  it('vouches for nothing once stopped, and refuses a channel name it would have to quote', async () => {
    const feed = await newFeed();
    await feed.stop();
    expect(feed.mark()).toBeNull();
    expect(() => feed.watch('changes; DROP TABLE x')).toThrow(TypeError);
  });
});
