import { CLR_V2P0_CONTEXT_URL, OB_V3P0_CONTEXT_URL, VC_V2_CONTEXT_URL } from './bundled-contexts.js';
import { didKeyDocument } from './dids.js';
import { DidResolutionError, UnknownContextError, createDocumentLoader } from './document-loader.js';
import { newEnsmAlger, newLearner } from './vc-test-factory.js';

describe('createDocumentLoader', () => {
  it('serves the bundled contexts (VC 2.0, Open Badges 3.0.3, CLR 2.0.1) from memory', async () => {
    const load = createDocumentLoader();
    for (const url of [
      VC_V2_CONTEXT_URL,
      OB_V3P0_CONTEXT_URL,
      CLR_V2P0_CONTEXT_URL,
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
    ]) {
      const { document, documentUrl } = await load(url);
      expect(documentUrl).toBe(url);
      expect(document['@context']).toBeDefined();
    }
  });

  it('refuses any other URL with a typed error and never fetches it', async () => {
    const load = createDocumentLoader();
    const attempt = load('https://www.w3.org/ns/credentials/undefined-terms/v2');
    await expect(attempt).rejects.toBeInstanceOf(UnknownContextError);
    await expect(load('https://example.org/evil-context.jsonld')).rejects.toThrow(
      'unknown context, never fetched: https://example.org/evil-context.jsonld',
    );
  });

  it('resolves did:key documents and their verification methods locally', async () => {
    const { did, keyPair } = await newLearner();
    const load = createDocumentLoader();
    expect((await load(did)).document).toEqual(didKeyDocument(did));
    const method = (await load(keyPair.id)).document;
    expect(method).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: keyPair.id,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: keyPair.publicKeyMultibase,
    });
  });

  it('resolves did:web through the injected resolver only', async () => {
    const ensm = await newEnsmAlger();
    await expect(createDocumentLoader()(ensm.did)).rejects.toMatchObject({ code: 'DID_METHOD_NOT_SUPPORTED' });
    const load = createDocumentLoader({ resolveDidWeb: async () => ensm.didDocument });
    expect((await load(ensm.did)).document).toEqual(ensm.didDocument);
    expect((await load(ensm.keyPair.id)).document).toMatchObject({ id: ensm.keyPair.id, controller: ensm.did });
  });

  it('refuses a verification method the DID document does not list', async () => {
    const ensm = await newEnsmAlger();
    const load = createDocumentLoader({ resolveDidWeb: async () => ensm.didDocument });
    const attempt = load(`${ensm.did}#z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH`);
    await expect(attempt).rejects.toBeInstanceOf(DidResolutionError);
    await expect(attempt).rejects.toMatchObject({ code: 'VERIFICATION_METHOD_NOT_FOUND' });
  });

  it('asks the resolver once more, fresh, for a verification method its (cached) document lacks', async () => {
    const ensm = await newEnsmAlger();
    const rotated = {
      ...ensm.didDocument,
      verificationMethod: [
        ...(ensm.didDocument.verificationMethod ?? []),
        { id: `${ensm.did}#z6MkNewKey`, type: 'Multikey', controller: ensm.did, publicKeyMultibase: 'z6MkNewKey' } as const,
      ],
    };
    const asked: { fresh?: boolean }[] = [];
    const load = createDocumentLoader({
      resolveDidWeb: async (_did, options) => {
        asked.push({ ...options });
        return options?.fresh ? rotated : ensm.didDocument;
      },
    });
    expect((await load(`${ensm.did}#z6MkNewKey`)).document).toMatchObject({ id: `${ensm.did}#z6MkNewKey` });
    expect(asked).toEqual([{ fresh: false }, { fresh: true }]);
    asked.length = 0;
    await expect(load(`${ensm.did}#z6MkUnknown`)).rejects.toMatchObject({ code: 'VERIFICATION_METHOD_NOT_FOUND' });
    expect(asked).toEqual([{ fresh: false }, { fresh: true }]);
  });

  it('refuses a resolver answer that is the document of another DID', async () => {
    const ensm = await newEnsmAlger();
    const load = createDocumentLoader({ resolveDidWeb: async () => ensm.didDocument });
    await expect(load('did:web:example.org:issuers:someone-else')).rejects.toMatchObject({ code: 'DID_NOT_RESOLVED' });
  });

  it('refuses other DID methods', async () => {
    await expect(createDocumentLoader()('did:ion:EiClkZMDxPKqC9c-umQfTkR8')).rejects.toMatchObject({ code: 'DID_METHOD_NOT_SUPPORTED' });
  });

  it('does not let extra contexts replace a bundled one', async () => {
    const load = createDocumentLoader({
      extraContexts: new Map([[VC_V2_CONTEXT_URL, { '@context': { '@vocab': 'https://evil.example/#' } }]]),
    });
    const { document } = await load(VC_V2_CONTEXT_URL);
    expect(JSON.stringify(document)).not.toContain('evil.example');
  });
});
