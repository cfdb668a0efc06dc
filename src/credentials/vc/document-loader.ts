// Closed-world JSON-LD document loader: bundled contexts and DID documents only; anything else is refused, not fetched.
import { BUNDLED_CONTEXTS, MULTIKEY_V1_CONTEXT_URL } from './bundled-contexts.js';
import { type DidDocument, didKeyDocument } from './dids.js';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: Readonly<Record<string, unknown>>;
  /**
   * 'static' on the bundled contexts: jsonld then keeps the processed context in its process-wide cache instead of
   * re-processing it for every canonicalisation (most of a signature's cost). Safe because a bundled URL always maps
   * to the same frozen document, in every loader this module creates (extra contexts cannot replace one); extra
   * contexts and DID documents are never tagged, so they are asked of the loader every time.
   */
  tag?: 'static';
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * Resolves a DID (no fragment) to its DID document, e.g. the safe did:web resolver or a lookup in our own DB.
 * `fresh`: the document at hand lacked a verification method, so a cached copy may predate a key rotation.
 */
export type DidResolver = (did: string, options?: { fresh?: boolean }) => Promise<DidDocument>;

export class UnknownContextError extends Error {
  readonly code = 'UNKNOWN_CONTEXT';
  constructor(readonly url: string) {
    super(`unknown context, never fetched: ${url}`);
    this.name = 'UnknownContextError';
  }
}

export class DidResolutionError extends Error {
  constructor(
    readonly code: 'DID_METHOD_NOT_SUPPORTED' | 'DID_NOT_RESOLVED' | 'VERIFICATION_METHOD_NOT_FOUND',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DidResolutionError';
  }
}

export interface DocumentLoaderOptions {
  /** did:web resolution (and any method besides did:key). Without it, such DIDs are refused. */
  resolveDidWeb?: DidResolver;
  /** Extra contexts (e.g. a test vocabulary); they cannot replace a bundled one. */
  extraContexts?: ReadonlyMap<string, Record<string, unknown>>;
}

function findVerificationMethod(didDocument: DidDocument, didUrl: string): Record<string, unknown> | undefined {
  const fragment = didUrl.slice(didUrl.indexOf('#'));
  const candidates = [
    ...(didDocument.verificationMethod ?? []),
    // Some documents embed methods directly under a relationship instead of referencing them.
    ...(didDocument.assertionMethod ?? []),
    ...(didDocument.authentication ?? []),
  ];
  const found = candidates.find((vm) => typeof vm === 'object' && (vm.id === didUrl || vm.id === fragment));
  return found as Record<string, unknown> | undefined;
}

async function resolveDid(did: string, resolveDidWeb: DidResolver | undefined, fresh = false): Promise<DidDocument> {
  if (did.startsWith('did:key:')) return didKeyDocument(did);
  if (did.startsWith('did:web:')) {
    if (!resolveDidWeb) throw new DidResolutionError('DID_METHOD_NOT_SUPPORTED', `no did:web resolver configured for ${did}`);
    let document: DidDocument;
    try {
      document = await resolveDidWeb(did, { fresh });
    } catch (error) {
      throw new DidResolutionError('DID_NOT_RESOLVED', `could not resolve ${did}: ${(error as Error).message}`, { cause: error });
    }
    // A resolver must not be able to answer for another DID (e.g. a cache keyed wrongly).
    if (document?.id !== did) throw new DidResolutionError('DID_NOT_RESOLVED', `DID document id does not match ${did}`);
    return document;
  }
  throw new DidResolutionError('DID_METHOD_NOT_SUPPORTED', `unsupported DID method: ${did.split(':').slice(0, 2).join(':')}`);
}

export function createDocumentLoader({ resolveDidWeb, extraContexts }: DocumentLoaderOptions = {}): DocumentLoader {
  const contexts = new Map<string, Readonly<Record<string, unknown>>>(extraContexts ?? []);
  for (const [url, context] of BUNDLED_CONTEXTS) contexts.set(url, context);

  return async function documentLoader(url: string): Promise<RemoteDocument> {
    if (typeof url !== 'string' || url.length === 0) throw new TypeError('"url" must be a non-empty string.');
    const bundled = BUNDLED_CONTEXTS.get(url);
    if (bundled) return { contextUrl: null, documentUrl: url, document: bundled, tag: 'static' };
    const context = contexts.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };

    if (url.startsWith('did:')) {
      const hashAt = url.indexOf('#');
      const did = hashAt === -1 ? url : url.slice(0, hashAt);
      const didDocument = await resolveDid(did, resolveDidWeb);
      if (hashAt === -1) return { contextUrl: null, documentUrl: url, document: didDocument };

      let method = findVerificationMethod(didDocument, url);
      // A kept document may predate a key rotation: ask once more, past any cache (a did:key document is derived).
      if (!method && !did.startsWith('did:key:')) method = findVerificationMethod(await resolveDid(did, resolveDidWeb, true), url);
      if (!method) throw new DidResolutionError('VERIFICATION_METHOD_NOT_FOUND', `${url} is not listed in the DID document of ${did}`);
      // The Multikey library insists on its context; the method's controller is checked later by the proof purpose.
      const id = typeof method.id === 'string' && method.id.startsWith('#') ? `${did}${method.id}` : method.id;
      return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_V1_CONTEXT_URL, ...method, id } };
    }
    throw new UnknownContextError(url);
  };
}
