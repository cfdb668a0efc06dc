// Decisions are taken on what was signed. The proof covers the RDF, so a JSON spelling that yields the same triples
// (a full-IRI key, an alias from an added context, `@id` for `id`, a value under `@nest`) keeps it valid. Rather than
// reading every spelling, we accept one: the document must already be the JSON-LD compaction of itself with
// contexts we know, so reading its JSON keys is reading the signed graph.
import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { BUNDLED_CONTEXTS } from './bundled-contexts.js';
import type { DocumentLoader } from './document-loader.js';
import type { JsonObject } from './issuer.js';
import { TtlCache } from './ttl-cache.js';
import { describeFailure, type VerificationProblem } from './verification-problems.js';

export interface SignedFormOptions {
  documentLoader: DocumentLoader;
  /** Inline contexts accepted as they are, value for value (e.g. the co-accreditation term we issue). */
  inlineContexts?: readonly Readonly<JsonObject>[];
  /** Context URLs accepted besides the bundled ones (e.g. the W3C examples context of a suite run). */
  extraContextUrls?: readonly string[];
}

const refuse = (message: string): VerificationProblem => ({ code: 'NON_CANONICAL_FORM', message });

/** Each `@context` entry must be a context we bundle (or were told of) or one of the exact inline contexts we issue. */
function checkContexts(
  document: JsonObject,
  { inlineContexts = [], extraContextUrls = [] }: SignedFormOptions,
): VerificationProblem | null {
  const contexts = [document['@context']].flat();
  for (const [index, context] of contexts.entries()) {
    if (typeof context === 'string') {
      if (!BUNDLED_CONTEXTS.has(context) && !extraContextUrls.includes(context))
        return { code: 'UNKNOWN_CONTEXT', message: `unknown context, never fetched: ${context}` };
    } else if (!inlineContexts.some((known) => firstDifference(context, known, '', []) === null)) {
      return refuse(`@context[${index}] is an inline context other than the ones this service issues`);
    }
  }
  return null;
}

// Where a credential may carry whole credentials of its own (a presentation's, a CLR's, an OB endorsement), each with
// its own @context and proof so that it can be taken out and verified alone: they are checked when verified, not here.
const EMBEDDING_PROPERTIES = new Set(['verifiableCredential', 'endorsement']);
const isEmbeddedCredential = (value: unknown): boolean =>
  !!value && typeof value === 'object' && !Array.isArray(value) && '@context' in value;

function withoutEmbeddedCredentials(node: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (EMBEDDING_PROPERTIES.has(key)) {
      const kept = [value].flat().filter((item) => !isEmbeddedCredential(item));
      if (kept.length) copy[key] = Array.isArray(value) ? kept : kept[0];
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      copy[key] = withoutEmbeddedCredentials(value as JsonObject);
    } else if (Array.isArray(value)) {
      copy[key] = value.map((item) =>
        item && typeof item === 'object' && !Array.isArray(item) ? withoutEmbeddedCredentials(item as JsonObject) : item,
      );
    } else {
      copy[key] = value;
    }
  }
  return copy;
}

/** A key the compaction wrote as an absolute IRI although the document's term for it was found at that node. */
interface Rename {
  term: string;
  iri: string;
  node: JsonObject;
}

/**
 * Compares a document with its compaction: the same keys, the same values, where a one-element array and its value are
 * the same thing (compaction writes the value, our issuer may write the array). Returns the first path that differs.
 * Some published contexts (CLR 2.0's ClrSubject terms, typed with a class) define terms compaction never picks: such a
 * key, an absolute IRI in the compaction, is noted in `renames` for the caller to prove that the document's term means it.
 */
function firstDifference(document: unknown, compacted: unknown, path: string, renames: Rename[]): string | null {
  const received = Array.isArray(document) && document.length === 1 ? document[0] : document;
  const expected = Array.isArray(compacted) && compacted.length === 1 ? compacted[0] : compacted;
  if (Array.isArray(received) || Array.isArray(expected)) {
    if (!Array.isArray(received) || !Array.isArray(expected) || received.length !== expected.length) return path;
    for (const [index, item] of received.entries()) {
      const found = firstDifference(item, expected[index], `${path}[${index}]`, renames);
      if (found) return found;
    }
    return null;
  }
  if (received && expected && typeof received === 'object' && typeof expected === 'object') {
    // An undefined value is no value: JSON has none, and a caller's object may carry one.
    const keysOf = (node: object): string[] => Object.keys(node).filter((key) => (node as JsonObject)[key] !== undefined);
    const [got, want] = [received as JsonObject, expected as JsonObject];
    const onlyExpected = keysOf(want).filter((key) => got[key] === undefined);
    for (const key of keysOf(got)) {
      if (want[key] !== undefined) {
        const found = firstDifference(got[key], want[key], `${path}.${key}`, renames);
        if (found) return found;
        continue;
      }
      const iri = onlyExpected.find(
        (candidate) => /^[a-z][a-z0-9+.-]*:/i.test(candidate) && firstDifference(got[key], want[candidate], '', renames) === null,
      );
      if (key.startsWith('@') || !iri) return `${path}.${key}`;
      onlyExpected.splice(onlyExpected.indexOf(iri), 1);
      renames.push({ term: key, iri, node: got });
    }
    return onlyExpected.length ? `${path}.${onlyExpected[0]}` : null;
  }
  return Object.is(received, expected) ? null : path;
}

/** Whether `term`, at a node of that node's types, expands to `iri` under the document's contexts. */
async function meansIri({ term, iri, node }: Rename, context: unknown, documentLoader: DocumentLoader): Promise<boolean> {
  const probe = { '@context': context, ...(node.type !== undefined ? { type: node.type } : {}), [term]: node[term] } as JsonObject;
  try {
    const [expanded] = (await jsonld.expand(probe, { documentLoader })) as JsonObject[];
    return !!expanded && iri in expanded;
  } catch {
    return false;
  }
}

// The answer depends only on the document and the accepted contexts (bundled, never fetched): kept by their content,
// since one certificate is verified again and again (its page, its PDF, an employer's tool).
const answers = new TtlCache<VerificationProblem | null>({ maxEntries: 10_000, ttlMs: 60 * 60_000 });

/**
 * Null when `document` is in the one form decisions may be read from; otherwise the problem. JSON-LD errors (a
 * protected term redefined, a relative IRI, an unknown context) are problems too: such a document has no reading.
 */
export async function checkSignedForm(document: JsonObject, options: SignedFormOptions): Promise<VerificationProblem | null> {
  const contexts = checkContexts(document, options);
  if (contexts) return contexts;
  const key = createHash('sha256')
    .update(JSON.stringify([options.inlineContexts ?? [], options.extraContextUrls ?? [], document]))
    .digest('base64url');
  const known = answers.get(key);
  if (known !== undefined) return known;
  const answer = await compactionProblem(document, options.documentLoader);
  answers.set(key, answer);
  return answer;
}

async function compactionProblem(document: JsonObject, documentLoader: DocumentLoader): Promise<VerificationProblem | null> {
  let compacted: JsonObject;
  const outer = withoutEmbeddedCredentials(document);
  try {
    compacted = await jsonld.compact(outer, document['@context'] as JsonObject, { documentLoader, safe: true });
  } catch (error) {
    const { code, message } = describeFailure(error);
    return { code: code === 'UNKNOWN_CONTEXT' ? code : 'MALFORMED_JSON_LD', message };
  }
  const renames: Rename[] = [];
  const path = firstDifference(outer, compacted, '$', renames);
  if (path) return refuse(`the credential is not in compact JSON-LD form at ${path}: the signed data may be spelt only one way`);
  for (const rename of renames) {
    if (!(await meansIri(rename, document['@context'], documentLoader)))
      return refuse(`the credential's key "${rename.term}" does not mean ${rename.iri}`);
  }
  return null;
}
