// Checks a credential's Bitstring Status List entries: fetch (injected), verify the list's own proof, read the bit.
import { createHash } from 'node:crypto';
import type { DocumentLoader } from './document-loader.js';
import type { JsonObject } from './issuer.js';
import { decodeStatusList, getStatus, type StatusList } from './status-list.js';
import { isUnavailable, type VerificationProblem } from './verification-problems.js';
import type { TtlCache } from './ttl-cache.js';
import { type CheckStatus, checkValidityPeriod, type StatusEntryReport, type StatusReport, verifyCredential } from './verifier.js';

/** Returns the status list credential published at a URL (HTTP, cache or database: the caller decides). */
export type FetchStatusListCredential = (url: string) => Promise<unknown>;

export interface StatusCheckerOptions {
  fetchStatusListCredential: FetchStatusListCredential;
  documentLoader: DocumentLoader;
  /** The list must come from the credential's own issuer (default), so nobody else can revoke it. */
  requireSameIssuer?: boolean;
  /**
   * Remembers the status list credentials that verified, with their decoded bits, by a hash of their exact content:
   * one list serves many credentials, and its proof need not be checked (nor its bits unzipped) again for each of
   * them (its validity period still is, at every check). A changed list (a revocation) is new content, verified anew.
   * Keep its TTL within the DID documents' cache TTL, so that a key withdrawn from a DID document is noticed as soon
   * as without it.
   */
  verifiedLists?: TtlCache<StatusList>;
  /**
   * The suspension list an issuer publishes beside a revocation list (same indexes), or null when there is none to
   * know of. Our schools' credentials carry one revocation entry (the OB 3.0 and CLR 2.0 schemas allow a single
   * credentialStatus); this is how their suspension is still checked. It is given the revocation entry's list URL,
   * which the verified credential signed, and answers only for lists the caller published itself.
   */
  suspensionListBeside?: (revocationListUrl: string) => Promise<string | null>;
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value && typeof value === 'object' ? ((value as JsonObject).id as string | undefined) : undefined;

function problem(code: VerificationProblem['code'], message: string): VerificationProblem {
  return { code, message };
}

// A list that cannot change (our own lists are served frozen, the same object while unchanged) is hashed once.
const frozenListKeys = new WeakMap<object, string>();

function contentKeyOf(list: object): string {
  let key = frozenListKeys.get(list);
  if (!key) {
    key = createHash('sha256').update(JSON.stringify(list)).digest('base64url');
    if (Object.isFrozen(list)) frozenListKeys.set(list, key);
  }
  return key;
}

async function checkEntry(entry: JsonObject, credential: JsonObject, now: Date, options: StatusCheckerOptions): Promise<StatusEntryReport> {
  const { statusPurpose, statusListIndex, statusListCredential } = entry as Record<string, string | undefined>;
  const report: StatusEntryReport = { type: String(entry.type), statusPurpose, statusListIndex, statusListCredential, status: 'error' };
  const fail = (message: string): StatusEntryReport => ({ ...report, problem: problem('STATUS_CHECK_FAILED', message) });

  if (entry.type !== 'BitstringStatusListEntry') return fail(`unsupported status type ${String(entry.type)}`);
  if (statusPurpose !== 'revocation' && statusPurpose !== 'suspension') return fail(`unsupported status purpose ${String(statusPurpose)}`);
  if (entry.statusSize !== undefined && Number(entry.statusSize) !== 1)
    return fail('only one-bit status entries (statusSize 1) are supported');
  const index = Number(statusListIndex);
  if (typeof statusListIndex !== 'string' || !/^\d+$/.test(statusListIndex) || !Number.isSafeInteger(index)) {
    return fail('statusListIndex must be a whole number written as a string');
  }
  if (typeof statusListCredential !== 'string') return fail('statusListCredential is missing');

  let listCredential: unknown;
  try {
    listCredential = await options.fetchStatusListCredential(statusListCredential);
  } catch (error) {
    if (isUnavailable(error)) {
      return {
        ...report,
        status: 'unavailable',
        problem: problem('STATUS_UNAVAILABLE', `the status list ${statusListCredential} cannot be read now: ${(error as Error).message}`),
      };
    }
    return fail(`cannot fetch the status list ${statusListCredential}: ${(error as Error).message}`);
  }
  // The list is a credential in its own right: its proof and validity period are checked like any other.
  const contentKey =
    options.verifiedLists && listCredential && typeof listCredential === 'object' ? contentKeyOf(listCredential) : undefined;
  let bits = contentKey ? options.verifiedLists!.get(contentKey) : undefined;
  if (bits) {
    // These very bytes verified a moment ago; only the validity period depends on the time of the check.
    const validity = checkValidityPeriod({ credential: listCredential as JsonObject, now });
    if (validity.problem) return fail(`the status list ${statusListCredential} does not verify: ${validity.problem.message}`);
  } else {
    const listReport = await verifyCredential({ credential: listCredential, documentLoader: options.documentLoader, now });
    if (listReport.outcome === 'indeterminate') {
      return {
        ...report,
        status: 'unavailable',
        problem: problem(
          'STATUS_UNAVAILABLE',
          `the status list ${statusListCredential} cannot be checked now: ${listReport.errors.map((e) => e.message).join('; ')}`,
        ),
      };
    }
    if (!listReport.verified) {
      return fail(`the status list ${statusListCredential} does not verify: ${listReport.errors.map((e) => e.message).join('; ')}`);
    }
  }
  const list = listCredential as JsonObject;
  const subject = (list.credentialSubject ?? {}) as JsonObject;
  if (![list.type].flat().includes('BitstringStatusListCredential') || subject.type !== 'BitstringStatusList') {
    return fail(`${statusListCredential} is not a BitstringStatusListCredential`);
  }
  if (idOf(list) !== statusListCredential) return fail(`the status list answered for ${statusListCredential} has id ${String(idOf(list))}`);
  if (subject.statusPurpose !== statusPurpose)
    return fail(`the status list is for ${String(subject.statusPurpose)}, the entry for ${statusPurpose}`);
  if ((options.requireSameIssuer ?? true) && idOf(list.issuer) !== idOf(credential.issuer)) {
    return fail(`the status list is issued by ${String(idOf(list.issuer))}, not by the credential's issuer`);
  }

  let set: boolean;
  try {
    if (!bits) {
      bits = decodeStatusList(subject.encodedList as string);
      if (contentKey) options.verifiedLists!.set(contentKey, bits);
    }
    set = getStatus(bits, index);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (!set) return { ...report, status: 'clear' };
  return {
    ...report,
    status: 'set',
    problem:
      statusPurpose === 'revocation'
        ? problem('REVOKED', `revoked by its issuer (status list ${statusListCredential}, index ${statusListIndex})`)
        : problem('SUSPENDED', `suspended by its issuer (status list ${statusListCredential}, index ${statusListIndex})`),
  };
}

/**
 * The suspension entry implied by a revocation entry whose list the issuer publishes a suspension list beside, when
 * the credential names no suspension entry of its own (credentials issued with both entries are checked as written).
 */
async function impliedSuspension(
  entries: JsonObject[],
  reports: StatusEntryReport[],
  options: StatusCheckerOptions,
): Promise<{ entry?: JsonObject; report?: StatusEntryReport } | null> {
  if (!options.suspensionListBeside || entries.some((entry) => entry?.statusPurpose === 'suspension')) return null;
  const revocation = reports.find(
    (report) =>
      report.type === 'BitstringStatusListEntry' &&
      report.statusPurpose === 'revocation' &&
      (report.status === 'clear' || report.status === 'set'),
  );
  if (!revocation) return null;
  let url: string | null;
  try {
    url = await options.suspensionListBeside(revocation.statusListCredential!);
  } catch (error) {
    const unavailable = isUnavailable(error);
    return {
      report: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListIndex: revocation.statusListIndex,
        status: unavailable ? 'unavailable' : 'error',
        problem: problem(
          unavailable ? 'STATUS_UNAVAILABLE' : 'STATUS_CHECK_FAILED',
          `the suspension list beside ${revocation.statusListCredential} cannot be found: ${(error as Error).message}`,
        ),
      },
    };
  }
  return url
    ? {
        entry: {
          type: 'BitstringStatusListEntry',
          statusPurpose: 'suspension',
          statusListIndex: revocation.statusListIndex!,
          statusListCredential: url,
        },
      }
    : null;
}

/** A CheckStatus for verifyCredential that understands BitstringStatusListEntry; other status types fail closed. */
export function createStatusChecker(options: StatusCheckerOptions): CheckStatus {
  if (!options?.fetchStatusListCredential) throw new TypeError('"fetchStatusListCredential" is required.');
  if (!options.documentLoader) throw new TypeError('"documentLoader" is required.');
  return async function checkStatus({ credential, now }): Promise<StatusReport> {
    const entries = [credential.credentialStatus ?? []].flat() as JsonObject[];
    const reports = await Promise.all(entries.map((entry) => checkEntry(entry, credential, now, options)));
    const implied = await impliedSuspension(entries, reports, options);
    if (implied) reports.push({ ...(implied.report ?? (await checkEntry(implied.entry!, credential, now, options))), implied: true });
    return { checked: true, verified: reports.every((r) => r.status === 'clear'), entries: reports };
  };
}
