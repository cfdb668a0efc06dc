// The CASE REST API's single objects: the package's objects plus the links to the package or document they belong to,
// which the REST binding has and the CFPackage binding forbids.
import { CASE_API_PATH } from '../../frameworks/case-uris.js';
import { asLink } from './case-conventions.js';
import type { CaseContext } from './case-package-writer.js';
import type { CfApiAssociation, CfApiDocument, CfApiItem, CfAssociation, CfDocument, CfItem } from './case-package.types.js';

export function apiDocument(document: CfDocument, ctx: CaseContext): CfApiDocument {
  const packageUri = asLink(ctx.framework.extras?.CFPackageURI, ctx.document) ?? {
    ...ctx.document,
    uri: `${ctx.publicBaseUrl}${CASE_API_PATH}/CFPackages/${ctx.framework.identifier}`,
  };
  return { ...document, CFPackageURI: packageUri };
}

export const apiItem = (item: CfItem, ctx: CaseContext): CfApiItem => ({ ...item, CFDocumentURI: ctx.document });

export const apiAssociation = (association: CfAssociation, ctx: CaseContext): CfApiAssociation => ({
  ...association,
  CFDocumentURI: ctx.document,
});
