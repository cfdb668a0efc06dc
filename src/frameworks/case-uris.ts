// URIs minted for our own frameworks and items resolve in this service's CASE API, so other CASE tools and
// credential alignments (targetUrl) can follow them.
export const CASE_API_PATH = '/ims/case/v1p1';

export const caseDocumentUri = (publicBaseUrl: string, identifier: string): string =>
  `${publicBaseUrl}${CASE_API_PATH}/CFDocuments/${identifier}`;
export const caseItemUri = (publicBaseUrl: string, identifier: string): string => `${publicBaseUrl}${CASE_API_PATH}/CFItems/${identifier}`;
export const caseAssociationUri = (publicBaseUrl: string, identifier: string): string =>
  `${publicBaseUrl}${CASE_API_PATH}/CFAssociations/${identifier}`;
