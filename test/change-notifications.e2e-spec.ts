// The change feed every process listens to (LISTEN/NOTIFY): quiet about a key until a change of it commits, never on
// a rollback, and vouching for nothing while its connection is down or for anything read before it came back.
// PGlite has no feed, and vouches for nothing.
import { ChangeNotifications, type FeedMark } from '../src/database/change-notifications.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CHANNEL = 'test_changes';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (a notification crosses two connections), or the deadline passes. */
async function eventually(condition: () => boolean, ms = 5_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; !condition() && Date.now() < deadline;) await sleep(5);
  return condition();
}

describe('change notifications', () => {
  let ctx: TestApp;
  let feeds: ChangeNotifications[] = [];
  beforeAll(async () => { ctx = await startTestApp(); });
  afterAll(async () => { await ctx?.close(); });
  afterEach(async () => {
    await Promise.all(feeds.map((feed) => feed.stop()));
    feeds = [];
  });

  const onServer = () => ctx.database.kind === 'postgres';
  /** Another process's feed on the same database. */
  async function newFeed(): Promise<ChangeNotifications> {
    const feed = new ChangeNotifications(onServer() ? ctx.database.url : undefined);
    feeds.push(feed);
    feed.watch(CHANNEL);
    await feed.listeningNow();
    return feed;
  }
  const announce = (feed: ChangeNotifications, key: string, outcome: 'commit' | 'rollback') =>
    ctx.database.dataSource.transaction(async (manager) => {
      await feed.announce(manager, CHANNEL, key);
      if (outcome === 'rollback') throw new Error('rolled back');
    }).catch((error: Error) => { if (error.message !== 'rolled back') throw error; });

  it('is quiet about a key until a change of it commits elsewhere, and says nothing of a rollback', async () => {
    const writer = await newFeed();
    const reader = await newFeed();
    if (!onServer()) {
      expect(reader.mark()).toBeNull();
      expect(reader.quietSince(CHANNEL, 'list-a', reader.mark())).toBe(false);
      return;
    }
    const before = reader.mark();
    expect(before).not.toBeNull();
    expect(reader.quietSince(CHANNEL, 'list-a', before)).toBe(true);

    await announce(writer, 'list-a', 'rollback');
    await sleep(200); // time enough for a notification to arrive, had there been one
    expect(reader.quietSince(CHANNEL, 'list-a', before)).toBe(true);

    await announce(writer, 'list-a', 'commit');
    expect(await eventually(() => !reader.quietSince(CHANNEL, 'list-a', before))).toBe(true);
    expect(reader.quietSince(CHANNEL, 'list-b', before)).toBe(true); // another key: still quiet
    expect(reader.quietSince(CHANNEL, 'list-a', reader.mark())).toBe(true); // a mark taken after the change
  });

  it('distrusts a key the process itself changed from the moment it announces it', async () => {
    const feed = await newFeed();
    const before = feed.mark();
    let duringTransaction: boolean | undefined;
    await ctx.database.dataSource.transaction(async (manager) => {
      await feed.announce(manager, CHANNEL, 'list-c');
      duringTransaction = feed.quietSince(CHANNEL, 'list-c', before);
    });
    expect(duringTransaction).toBe(false);
    expect(feed.quietSince(CHANNEL, 'list-c', before)).toBe(false);
    if (onServer()) {
      // Once its own notification is back, a fresh mark vouches again.
      expect(await eventually(() => feed.quietSince(CHANNEL, 'list-c', feed.mark()))).toBe(true);
    }
  });

  it('vouches for nothing while its connection is down, and for nothing read before it came back', async () => {
    if (!onServer()) return expect((await newFeed()).mark()).toBeNull();
    const feed = await newFeed();
    const before = feed.mark() as FeedMark;
    await ctx.database.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'change-notifications' AND datname = current_database()`);
    expect(await eventually(() => feed.mark() === null)).toBe(true);
    expect(feed.quietSince(CHANNEL, 'list-d', before)).toBe(false);
    // It connects again by itself; a change committed while it was away cannot be vouched for by an old mark.
    expect(await feed.listeningNow(10_000)).toBe(true);
    expect(feed.quietSince(CHANNEL, 'list-d', before)).toBe(false);
    expect(feed.quietSince(CHANNEL, 'list-d', feed.mark())).toBe(true);
  });

  it('refuses a channel name it would have to quote', () => {
    expect(() => new ChangeNotifications(undefined).watch('changes; DROP TABLE x')).toThrow(TypeError);
  });
});
