// The adversarial corpus of issue 13: JSON-LD respellings of real signed credentials that keep the signed RDF (so every
// proof stays valid) but move what a JSON-reading verifier decides on, plus duplications that amplify its work.
// Pure functions: a credential in, labelled variants out; nothing here talks to the app.

export type Json = Record<string, any>;

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const CRED = 'https://www.w3.org/2018/credentials#';
export const SEC = 'https://w3id.org/security#';
export const STATUS = 'https://www.w3.org/ns/credentials/status#';
export const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
export const ELM = 'http://data.europa.eu/snb/model/elm/';
export const XSD_DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime';

/** How the signed RDF of a variant relates to its original's, which the corpus spec checks with jsonld.canonize. */
export type RdfClaim =
  /** The whole document (proofs included) canonizes to the same N-Quads. */
  | 'same'
  /** The document without `proof` canonizes the same and `proof` is untouched: exactly what each signature covers. */
  | 'same-signed'
  /** Not the same statements: the proof must fail (a control, e.g. a key whose case changed). */
  | 'different'
  /** Duplicated parts (proofs ×N, status entries ×N): must be refused or answered correctly, quickly. */
  | 'amplified';

export type VariantFamily =
  | 'credentialStatus key'
  | 'status entry fields'
  | 'validity dates'
  | 'awarding bodies'
  | 'issuer'
  | 'type and id'
  | 'subject and achievement'
  | 'proof'
  | '@graph and @included'
  | 'contexts'
  | 'amplification';

export interface CredentialVariant {
  label: string;
  family: VariantFamily;
  rdf: RdfClaim;
  credential: Json;
}

/** A term the verifier reads, as the bundled contexts define it. */
export interface TermDefinition {
  iri: string;
  /** '@id' for IRI-valued terms, a datatype IRI for typed literals. */
  type?: string;
  container?: '@set' | '@graph';
}

export const TERMS = {
  credentialStatus: { iri: `${CRED}credentialStatus`, type: '@id' },
  validFrom: { iri: `${CRED}validFrom`, type: XSD_DATE_TIME },
  validUntil: { iri: `${CRED}validUntil`, type: XSD_DATE_TIME },
  issuer: { iri: `${CRED}issuer`, type: '@id' },
  credentialSubject: { iri: `${CRED}credentialSubject`, type: '@id' },
  proof: { iri: `${SEC}proof`, type: '@id', container: '@graph' },
  awardingBody: { iri: `${ELM}awardingBody`, container: '@set' },
  achievement: { iri: `${OB}achievement` },
  statusPurpose: { iri: `${STATUS}statusPurpose` },
  statusListIndex: { iri: `${STATUS}statusListIndex` },
  statusListCredential: { iri: `${STATUS}statusListCredential`, type: '@id' },
  encodedList: { iri: `${STATUS}encodedList`, type: `${SEC}multibase` },
} satisfies Record<string, TermDefinition>;

export type TermName = keyof typeof TERMS;

/** A path to a node of the credential: [] is the credential, ['credentialStatus', 0] its first status entry. */
export type NodePath = (string | number)[];

const clone = <T>(value: T): T => structuredClone(value);
const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Adds inline context objects at the end of the credential's `@context`. */
export function withContexts(credential: Json, ...contexts: Json[]): Json {
  return { ...credential, '@context': [...asList(credential['@context']), ...contexts] };
}

/** Replaces the node at `path` with `change(node)`, keeping key order; a new credential. */
export function atNode(credential: Json, path: NodePath, change: (node: Json) => Json): Json {
  const copy = clone(credential);
  if (path.length === 0) return change(copy);
  let parent: any = copy;
  for (const step of path.slice(0, -1)) parent = parent[step];
  const last = path[path.length - 1];
  parent[last] = change(parent[last]);
  return copy;
}

/** The node with `term` renamed to `key` and its value changed, at the same place among the keys. */
export function renameKey(node: Json, term: string, key: string, value: unknown = node[term]): Json {
  return Object.fromEntries(Object.entries(node).map(([k, v]) => (k === term ? [key, value] : [k, v])));
}

/** The value written as it must be when the key carries no type coercion (a full or compact IRI). */
export function uncoerced(value: unknown, definition: TermDefinition): unknown {
  const one = (item: unknown): unknown => {
    let expanded = item;
    if (typeof item === 'string' && definition.type === '@id') expanded = { '@id': item };
    else if (typeof item === 'string' && definition.type) expanded = { '@value': item, '@type': definition.type };
    return definition.container === '@graph' ? { '@graph': expanded } : expanded;
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

const aliasDefinition = (definition: TermDefinition): Json => ({
  '@id': definition.iri,
  ...(definition.type ? { '@type': definition.type } : {}),
  ...(definition.container ? { '@container': definition.container } : {}),
});

export interface Respelling {
  how: string;
  rdf: RdfClaim;
  /** Inline context objects the respelling needs, appended to the credential's `@context`. */
  contexts?: Json[];
  node: Json;
}

// Each prefix and alias is new to the bundled contexts (which are @protected): an inline context may add terms, not
// redefine theirs.
const PREFIXES: Record<string, string> = { [CRED]: 'cred', [SEC]: 'sec', [STATUS]: 'bsl', [OB]: 'obv', [ELM]: 'elm' };
const prefixOf = (iri: string): [string, string] => {
  const namespace = Object.keys(PREFIXES).find((ns) => iri.startsWith(ns));
  if (!namespace) throw new Error(`no prefix for ${iri}`);
  return [PREFIXES[namespace], namespace];
};

/** Latin letters swapped for Cyrillic ones that look the same: а е о с р х і. */
export function lookalike(term: string): string {
  const swaps: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', i: 'і' };
  const at = [...term].findIndex((char) => char in swaps);
  if (at < 0) throw new Error(`no lookalike letter in ${term}`);
  return term.slice(0, at) + swaps[term[at]] + term.slice(at + 1);
}

/** Every spelling of one term of one node that yields the same RDF, and two case tricks that do not. */
export function respellTerm(node: Json, term: TermName): Respelling[] {
  const definition: TermDefinition = TERMS[term];
  const value = node[term];
  if (value === undefined) return [];
  const [prefix, namespace] = prefixOf(definition.iri);
  const local = definition.iri.slice(namespace.length);
  const upperCase = term[0].toUpperCase() + term.slice(1);
  const out: Respelling[] = [
    { how: `${term} as its full IRI`, rdf: 'same', node: renameKey(node, term, definition.iri, uncoerced(value, definition)) },
    {
      how: `${term} as a compact IRI ${prefix}:${local}`,
      rdf: 'same',
      contexts: [{ [prefix]: namespace }],
      node: renameKey(node, term, `${prefix}:${local}`, uncoerced(value, definition)),
    },
    {
      how: `${term} under an alias defined inline`,
      rdf: 'same',
      contexts: [{ [`x${upperCase}`]: aliasDefinition(definition) }],
      node: renameKey(node, term, `x${upperCase}`),
    },
    {
      how: `${term} under an @nest term`,
      rdf: 'same',
      contexts: [{ meta: '@nest' }],
      node: renameKey(node, term, 'meta', { [term]: value }),
    },
    {
      how: `${term} as its full IRI under an @nest term`,
      rdf: 'same',
      contexts: [{ meta: '@nest' }],
      node: renameKey(node, term, 'meta', { [definition.iri]: uncoerced(value, definition) }),
    },
    {
      how: `${term} under a Unicode lookalike key defined inline`,
      rdf: 'same',
      contexts: [{ [lookalike(term)]: aliasDefinition(definition) }],
      node: renameKey(node, term, lookalike(term)),
    },
    // All capitals: a capitalised term may already be a type of the bundled contexts (Achievement), which are @protected.
    {
      how: `${term} under a differently cased key defined inline`,
      rdf: 'same',
      contexts: [{ [term.toUpperCase()]: aliasDefinition(definition) }],
      node: renameKey(node, term, term.toUpperCase()),
    },
    { how: `${term} under a differently cased key, undefined`, rdf: 'different', node: renameKey(node, term, upperCase) },
    { how: `${term} under a Unicode lookalike key, undefined`, rdf: 'different', node: renameKey(node, term, lookalike(term)) },
  ];
  if (
    definition.type &&
    definition.container !== '@graph' &&
    (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')))
  ) {
    out.push({
      how: `${term} as an explicit ${definition.type === '@id' ? '@id' : 'typed @value'} object`,
      rdf: 'same',
      node: { ...node, [term]: uncoerced(value, definition) },
    });
  }
  if (!Array.isArray(value)) out.push({ how: `${term} wrapped in an array`, rdf: 'same', node: { ...node, [term]: [value] } });
  if (Array.isArray(value) && value.length === 1)
    out.push({ how: `${term} as a bare value instead of a one-item array`, rdf: 'same', node: { ...node, [term]: value[0] } });
  if (Array.isArray(value) && value.length > 1) {
    const half = Math.ceil(value.length / 2);
    out.push({
      how: `${term} split: the first items under ${term}, the last under an alias`,
      rdf: 'same',
      contexts: [{ [`x${upperCase}`]: aliasDefinition(definition) }],
      node: { ...node, [term]: value.slice(0, half), [`x${upperCase}`]: value.slice(half) },
    });
    out.push({
      how: `${term} split: the last items under ${term}, the first under an alias`,
      rdf: 'same',
      contexts: [{ [`x${upperCase}`]: aliasDefinition(definition) }],
      node: { ...node, [term]: value.slice(half), [`x${upperCase}`]: value.slice(0, half) },
    });
    out.push({
      how: `${term} split: the first items under ${term}, the last under its full IRI`,
      rdf: 'same',
      node: { ...node, [term]: value.slice(0, half), [definition.iri]: uncoerced(value.slice(half), definition) },
    });
  }
  return out;
}

/** `id` or `type` of a node written as the keyword itself. */
export function respellKeyword(node: Json, key: 'id' | 'type'): Respelling[] {
  if (node[key] === undefined) return [];
  const out: Respelling[] = [
    { how: `${key} written @${key}`, rdf: 'same', node: renameKey(node, key, `@${key}`) },
    {
      how: `${key} under an alias of @${key} defined inline`,
      rdf: 'same',
      contexts: [{ [`x${key}`]: `@${key}` }],
      node: renameKey(node, key, `x${key}`),
    },
  ];
  if (key === 'type' && Array.isArray(node.type) && node.type.length === 1)
    out.push({ how: 'type as a bare string', rdf: 'same', node: { ...node, type: node.type[0] } });
  if (key === 'type' && typeof node.type === 'string')
    out.push({ how: 'type wrapped in an array', rdf: 'same', node: { ...node, type: [node.type] } });
  return out;
}

/** A credential respelled at one node, with the contexts its respelling needs. */
export function applyAt(credential: Json, path: NodePath, respelling: Respelling): Json {
  const changed = atNode(credential, path, () => respelling.node);
  return respelling.contexts?.length ? withContexts(changed, ...respelling.contexts) : changed;
}

const nodeAt = (credential: Json, path: NodePath): Json => path.reduce((node: any, step) => node?.[step], credential);

/** Variants of `credential` that respell `term` (or a keyword) on the node at `path`. */
export function termVariants(
  name: string,
  credential: Json,
  family: VariantFamily,
  path: NodePath,
  term: TermName | 'id' | 'type',
): CredentialVariant[] {
  const node = nodeAt(credential, path);
  if (!node || typeof node !== 'object') return [];
  const where = path.length ? `${path.join('.')}: ` : '';
  const respellings = term === 'id' || term === 'type' ? respellKeyword(node, term) : respellTerm(node, term);
  return respellings.map((respelling) => ({
    label: `${name}: ${where}${respelling.how}`,
    family,
    rdf: respelling.rdf,
    credential: applyAt(credential, path, respelling),
  }));
}

/** Status entries pulled out of `credentialStatus` into `@included` and referenced by their id: the same RDF. */
export function statusEntriesIncluded(name: string, credential: Json): CredentialVariant[] {
  const entries = asList(credential.credentialStatus) as Json[];
  if (!entries.length || entries.some((entry) => typeof entry.id !== 'string')) return [];
  const revocationOnly = entries.filter((entry) => entry.statusPurpose === 'revocation');
  return [
    {
      label: `${name}: every status entry in @included, credentialStatus lists their ids`,
      family: '@graph and @included',
      rdf: 'same',
      credential: { ...credential, credentialStatus: entries.map((entry) => entry.id), '@included': entries },
    },
    {
      label: `${name}: the revocation entry in @included, the others in place`,
      family: '@graph and @included',
      rdf: 'same',
      credential: {
        ...credential,
        credentialStatus: entries.map((entry) => (entry.statusPurpose === 'revocation' ? entry.id : entry)),
        '@included': revocationOnly,
      },
    },
  ];
}

/** The credential inside a top-level `@graph`: with its proof (which jsonld-signatures then cannot find) or without. */
export function graphWrappers(name: string, credential: Json): CredentialVariant[] {
  const { '@context': context, proof, ...rest } = credential;
  return [
    {
      label: `${name}: the whole credential in a top-level @graph`,
      family: '@graph and @included',
      rdf: 'same',
      credential: { '@context': context, '@graph': [{ ...rest, proof }] },
    },
    {
      label: `${name}: the claims in a top-level @graph, the proof beside it`,
      family: '@graph and @included',
      rdf: 'same-signed',
      credential: { '@context': context, '@graph': [rest], proof },
    },
    {
      label: `${name}: the credential in @included of an empty wrapper node`,
      family: '@graph and @included',
      rdf: 'different',
      credential: { '@context': context, '@included': [{ ...rest, proof }] },
    },
  ];
}

/** Inline contexts that change nothing (empty, a @version, an unused term), and the bundled ones reordered. */
export function contextVariants(name: string, credential: Json): CredentialVariant[] {
  const contexts = asList(credential['@context']);
  const out: CredentialVariant[] = [
    { label: `${name}: an empty inline context added`, family: 'contexts', rdf: 'same', credential: withContexts(credential, {}) },
    {
      label: `${name}: an inline context with @version 1.1 added`,
      family: 'contexts',
      rdf: 'same',
      credential: withContexts(credential, { '@version': 1.1 }),
    },
    {
      label: `${name}: an inline context with an unused term added`,
      family: 'contexts',
      rdf: 'same',
      credential: withContexts(credential, { unusedTerm: 'https://competences.test/vocab#unused' }),
    },
    {
      label: `${name}: the bundled contexts repeated`,
      family: 'contexts',
      rdf: 'same',
      credential: { ...credential, '@context': [...contexts, ...contexts.filter((c) => typeof c === 'string')] },
    },
  ];
  if (contexts.length > 1)
    out.push({
      label: `${name}: the Open Badges context first`,
      family: 'contexts',
      rdf: 'same',
      credential: { ...credential, '@context': [contexts[1], contexts[0], ...contexts.slice(2)] },
    });
  if (contexts.length > 2)
    out.push({
      label: `${name}: the inline context first`,
      family: 'contexts',
      rdf: 'same',
      credential: { ...credential, '@context': [...contexts.slice(2), ...contexts.slice(0, 2)] },
    });
  return out;
}

/** The same proof N times, and the same status entries N times (identical nodes: still the same signed RDF). */
export function amplifications(name: string, credential: Json, { proofs = 1_500, statusEntries = 3_000 } = {}): CredentialVariant[] {
  const proofList = asList(credential.proof);
  const entries = asList(credential.credentialStatus);
  const out: CredentialVariant[] = [
    {
      label: `${name}: its first proof ×${proofs}`,
      family: 'amplification',
      rdf: 'amplified',
      credential: { ...credential, proof: Array.from({ length: proofs }, () => proofList[0]) },
    },
  ];
  if (entries.length) {
    out.push({
      label: `${name}: its status entries ×${statusEntries / entries.length} (${statusEntries} entries)`,
      family: 'amplification',
      rdf: 'amplified',
      credential: { ...credential, credentialStatus: Array.from({ length: statusEntries }, (_, i) => entries[i % entries.length]) },
    });
  }
  return out;
}

/** Every variant of one credential: the terms the verifier reads, at every node it reads them on. */
export function credentialVariants(name: string, credential: Json, options: { amplify?: boolean } = {}): CredentialVariant[] {
  const entries = asList(credential.credentialStatus);
  const bodies = asList(credential.awardingBody);
  const variants: CredentialVariant[] = [
    ...termVariants(name, credential, 'credentialStatus key', [], 'credentialStatus'),
    ...termVariants(name, credential, 'validity dates', [], 'validFrom'),
    ...termVariants(name, credential, 'validity dates', [], 'validUntil'),
    ...termVariants(name, credential, 'issuer', [], 'issuer'),
    ...termVariants(name, credential, 'issuer', ['issuer'], 'id'),
    ...termVariants(name, credential, 'type and id', [], 'type'),
    ...termVariants(name, credential, 'type and id', [], 'id'),
    ...termVariants(name, credential, 'subject and achievement', [], 'credentialSubject').filter((v) => v.rdf !== 'different'),
    ...termVariants(name, credential, 'subject and achievement', ['credentialSubject'], 'achievement').filter((v) => v.rdf !== 'different'),
    ...termVariants(name, credential, 'proof', [], 'proof').filter((v) => v.rdf !== 'different'),
    ...graphWrappers(name, credential),
    ...contextVariants(name, credential),
  ];
  for (const [index, entry] of entries.entries()) {
    // One entry is written as an object (what we issue now), several as an array (credentials issued before).
    const path = Array.isArray(credential.credentialStatus) ? ['credentialStatus', index] : ['credentialStatus'];
    const purpose = (entry as Json).statusPurpose;
    const tag = (variant: CredentialVariant) => ({ ...variant, label: variant.label.replace(`${path.join('.')}:`, `${purpose} entry:`) });
    variants.push(
      ...[
        ...termVariants(name, credential, 'status entry fields', path, 'statusPurpose'),
        ...termVariants(name, credential, 'status entry fields', path, 'statusListIndex'),
        ...termVariants(name, credential, 'status entry fields', path, 'statusListCredential'),
        ...termVariants(name, credential, 'status entry fields', path, 'type'),
        ...termVariants(name, credential, 'status entry fields', path, 'id'),
      ]
        .filter(
          (variant) =>
            variant.rdf !== 'different' &&
            !variant.label.includes('@nest') &&
            !variant.label.includes('lookalike') &&
            !variant.label.includes('cased'),
        )
        .map(tag),
    );
  }
  variants.push(...statusEntriesIncluded(name, credential));
  variants.push(...termVariants(name, credential, 'awarding bodies', [], 'awardingBody'));
  for (const index of bodies.keys()) variants.push(...termVariants(name, credential, 'awarding bodies', ['awardingBody', index], 'id'));
  if (bodies.length) variants.push(...awardingBodyRenamedInContext(name, credential));
  if (options.amplify) variants.push(...amplifications(name, credential));
  return variants;
}

/** Case and lookalike tricks, counted apart in the report whatever term they touch. */
export const isKeyTrick = (variant: CredentialVariant): boolean => /lookalike|cased key/.test(variant.label);

/** The diploma's own inline context edited so that `awardingBody` goes by another name. */
export function awardingBodyRenamedInContext(name: string, credential: Json): CredentialVariant[] {
  const rename = (key: string): Json => {
    const contexts = asList(credential['@context']).map((context) => {
      if (!context || typeof context !== 'object' || !('awardingBody' in (context as Json))) return context;
      const { awardingBody, ...others } = context as Json;
      return { ...others, [key]: awardingBody };
    });
    return renameKey({ ...credential, '@context': contexts }, 'awardingBody', key);
  };
  return [
    {
      label: `${name}: awardingBody renamed coAwardingSchools in its own inline context`,
      family: 'awarding bodies',
      rdf: 'same',
      credential: rename('coAwardingSchools'),
    },
    {
      label: `${name}: awardingBody renamed with a lookalike letter in its own inline context`,
      family: 'awarding bodies',
      rdf: 'same',
      credential: rename(lookalike('awardingBody')),
    },
  ];
}

/**
 * A status list credential respelled: its own validity, issuer, type and id, and its subject's purpose and bits. Our
 * verifier fetches our lists from our own repository, so these are checked against the status checker directly.
 */
export function statusListVariants(name: string, list: Json): CredentialVariant[] {
  const family = 'status entry fields' as const;
  return [
    ...termVariants(name, list, family, [], 'validFrom'),
    ...termVariants(name, list, family, [], 'validUntil'),
    ...termVariants(name, list, family, [], 'issuer'),
    ...termVariants(name, list, family, [], 'type'),
    ...termVariants(name, list, family, [], 'id'),
    ...termVariants(name, list, family, [], 'credentialSubject'),
    ...termVariants(name, list, family, ['credentialSubject'], 'statusPurpose'),
    ...termVariants(name, list, family, ['credentialSubject'], 'encodedList'),
    ...termVariants(name, list, family, ['credentialSubject'], 'type'),
    ...contextVariants(name, list).slice(0, 3),
  ].filter((variant) => variant.rdf !== 'different');
}
