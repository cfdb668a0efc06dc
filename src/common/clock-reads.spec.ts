// "Now" comes from the injected Clock (common/clock.ts) and new ids from IdSource: a file of src/ that reads the system
// clock (`new Date()` with no argument, `Date.now`) or calls randomUUID fails this spec, unless it is listed below with
// the reason. Parsing a date (`new Date(value)`) is not reading the clock. Secrets and key material (randomBytes,
// randomInt) are not ids and are not looked at.
import { linesMatching, sourceFiles, SRC } from './testing/source-lines.js';

const CLOCK_READ = /\bnew Date\s*\(\s*\)|\bnew Date\b(?!\s*\()|\bDate\.now\b/;
const NEW_ID = /\brandomUUID\b/;

/** Elapsed real time, not "the current time" of the domain: fixing the clock in a test must not freeze these. */
const CLOCK_ALLOWED: Record<string, string> = {
  'common/clock.ts': 'the system clock itself',
  'credentials/vc/verifier.ts':
    "library entry point: `now` defaults to the system time when a caller passes none (unit specs, benches); VerificationService passes the Clock's",
  'credentials/vc/ttl-cache.ts':
    'how long a cached status list or DID document stays fresh, in real time; its `now` option serves its spec',
  'common/rate-limit.ts': 'the per-minute window of the public verification budget, real time in one process',
  'credentials/batch/credential-batches.service.ts':
    "a job's 5 s work budget, real time measured against the queue's expiry (pg-boss counts in real time)",
  'database/change-notifications.ts': 'how long a feed mark vouches that nothing changed (5 s), real time of the LISTEN connection',
};

const ID_ALLOWED: Record<string, string> = {
  'common/clock.ts': 'IdSource itself',
  'interop/upload.ts': 'the name of a temporary file of an upload, deleted after the request: not an id of anything kept',
};

function offending(rule: RegExp, allowed: Record<string, string>): { found: string[]; stale: string[] } {
  const hits = linesMatching(sourceFiles(SRC), rule);
  return {
    found: hits.filter(({ file }) => !(file in allowed)).map(({ where }) => where),
    stale: Object.keys(allowed).filter((file) => !hits.some((hit) => hit.file === file)),
  };
}

describe('time and ids come from the injected clock and id source', () => {
  it('no file reads the system clock outside the clock and the allow-list', () => {
    expect(offending(CLOCK_READ, CLOCK_ALLOWED)).toEqual({ found: [], stale: [] });
  });

  it('no file makes a UUID outside IdSource and the allow-list', () => {
    expect(offending(NEW_ID, ID_ALLOWED)).toEqual({ found: [], stale: [] });
  });

  it('the rules catch what they are meant to', () => {
    for (const line of [
      'const issuedAt = new Date();',
      'const now = new Date( );',
      'return new Date;',
      'const deadline = Date.now() + 5_000;',
      '(options.now ?? Date.now)()',
    ]) {
      expect([line, CLOCK_READ.test(line)]).toEqual([line, true]);
    }
    for (const line of [
      'new Date(dto.observedAt)',
      'new Date(at.getTime() + EARLIEST_ZONE_MS)',
      'const now = this.clock.now();',
      'performance.now() - started',
    ]) {
      expect([line, CLOCK_READ.test(line)]).toEqual([line, false]);
    }
    expect(NEW_ID.test('credential.id = randomUUID();')).toBe(true);
    expect(NEW_ID.test('credential.id = this.ids.uuid();')).toBe(false);
  });
});
