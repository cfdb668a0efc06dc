import { HttpException } from '@nestjs/common';
import {
  assertDraft,
  assertNewDraftAllowed,
  assertNextVersionAllowed,
  assertReplaceable,
  assertTransition,
  frameworkCompleteness,
  publishFramework,
  publishProfile,
  retire,
  type Status,
} from './lifecycle.js';

const version = (status: Status) => ({ status, version: '2026.1', publishedAt: null as Date | null, retiredAt: null as Date | null });
const NOW = new Date('2026-12-07T10:00:00Z');
const free = { versionTaken: false, draftExists: false };

/** The 409 body a broken rule throws: its stable code and field errors. */
function refusal(rule: () => unknown): { code: string; errors?: { field: string; reason: string }[] } {
  try {
    rule();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(409);
    return (error as HttpException).getResponse() as { code: string };
  }
  throw new Error('the rule let it through');
}

describe('editing and replacing', () => {
  it('lets a draft be edited and replaced, nothing else', () => {
    expect(() => assertDraft(version('draft'), 'Framework')).not.toThrow();
    expect(() => assertReplaceable(version('draft'), 'Framework')).not.toThrow();
    for (const status of ['published', 'retired'] as const) {
      expect(refusal(() => assertDraft(version(status), 'Framework')).code).toBe('version_not_editable');
      expect(refusal(() => assertReplaceable(version(status), 'Framework')).code).toBe('version_published');
    }
  });
});

describe('transitions', () => {
  it('goes draft → published → retired only', () => {
    expect(() => assertTransition(version('draft'), 'published', 'Framework')).not.toThrow();
    expect(() => assertTransition(version('published'), 'retired', 'Framework')).not.toThrow();
    expect(refusal(() => assertTransition(version('published'), 'published', 'Framework')).code).toBe('invalid_transition');
    expect(refusal(() => assertTransition(version('retired'), 'published', 'Framework')).code).toBe('invalid_transition');
    expect(refusal(() => assertTransition(version('draft'), 'retired', 'Framework')).code).toBe('invalid_transition');
  });

  it('retire stamps the date and refuses a draft', () => {
    expect(retire(version('published'), 'Job profile', NOW)).toMatchObject({ status: 'retired', retiredAt: NOW });
    expect(refusal(() => retire(version('draft'), 'Job profile', NOW)).code).toBe('invalid_transition');
  });
});

describe('publishing a framework', () => {
  it('needs an item, not a proficiency scale (imported frameworks often have none)', () => {
    expect(frameworkCompleteness({ items: 3 })).toEqual([]);
    const body = refusal(() => publishFramework(version('draft'), { items: 0 }, NOW));
    expect(body.code).toBe('framework_incomplete');
    expect(body.errors!.map((error) => error.field)).toEqual(['items']);
  });

  it('stamps the publication date on a complete draft only', () => {
    expect(publishFramework(version('draft'), { items: 1 }, NOW)).toMatchObject({ status: 'published', publishedAt: NOW, retiredAt: null });
    // The transition is checked before the content: a published version is refused as such even when complete.
    expect(refusal(() => publishFramework(version('published'), { items: 0 }, NOW)).code).toBe('invalid_transition');
  });
});

describe('publishing a job profile', () => {
  it('needs at least one required competency', () => {
    expect(refusal(() => publishProfile(version('draft'), { requirements: 0 }, NOW))).toMatchObject({
      code: 'profile_incomplete',
      errors: [{ field: 'requirements' }],
    });
    expect(publishProfile(version('draft'), { requirements: 2 }, NOW)).toMatchObject({ status: 'published', publishedAt: NOW });
  });
});

describe('new drafts of a lineage', () => {
  it('refuses a taken version label and a second draft', () => {
    expect(() => assertNewDraftAllowed(free, '2', 'Framework')).not.toThrow();
    expect(refusal(() => assertNewDraftAllowed({ versionTaken: true, draftExists: false }, '2', 'Framework'))).toMatchObject({
      code: 'duplicate_version',
      errors: [{ field: 'version' }],
    });
    expect(refusal(() => assertNewDraftAllowed({ versionTaken: false, draftExists: true }, '2', 'Framework')).code).toBe('draft_exists');
  });

  it('copies a next version from a published or retired one, never from a draft', () => {
    expect(() => assertNextVersionAllowed(version('published'), free, '2', 'Job profile')).not.toThrow();
    expect(() => assertNextVersionAllowed(version('retired'), free, '2', 'Job profile')).not.toThrow();
    expect(refusal(() => assertNextVersionAllowed(version('draft'), free, '2', 'Job profile')).code).toBe('version_is_draft');
    // An open draft is reported before a clashing label, as the API always did.
    expect(
      refusal(() => assertNextVersionAllowed(version('published'), { versionTaken: true, draftExists: true }, '2', 'Job profile')).code,
    ).toBe('draft_exists');
  });
});
