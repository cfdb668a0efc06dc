// The CASE 1.1 JSON shapes this service writes (CFPackage binding and the REST API's single objects).
// Reading stays loose (unknown JSON), because real CASE 1.0 files bend these shapes.

export type JsonObject = Record<string, unknown>;

/** LinkURI / LinkGenURI: how CASE points at another object. */
export interface LinkUri {
  title: string;
  identifier: string;
  uri: string;
}

export interface CfDocument {
  identifier: string;
  uri: string;
  caseVersion: '1.1';
  creator: string;
  title: string;
  lastChangeDateTime: string;
  description?: string;
  language?: string;
  version?: string;
  adoptionStatus: string;
  extensions: JsonObject;
  [field: string]: unknown;
}

export interface CfItem {
  identifier: string;
  uri: string;
  fullStatement: string;
  lastChangeDateTime: string;
  humanCodingScheme?: string;
  CFItemType?: string;
  CFItemTypeURI?: LinkUri;
  language?: string;
  extensions: JsonObject;
  [field: string]: unknown;
}

export interface CfAssociation {
  identifier: string;
  uri: string;
  associationType: string;
  sequenceNumber?: number;
  originNodeURI: LinkUri;
  destinationNodeURI: LinkUri;
  lastChangeDateTime: string;
  [field: string]: unknown;
}

// The CASE 1.1 REST API's single objects also say where they belong; the package binding forbids that (its schema
// has additionalProperties false), so only the API adds these links.
export type CfApiDocument = CfDocument & { CFPackageURI: LinkUri };
export type CfApiItem = CfItem & { CFDocumentURI: LinkUri };
export type CfApiAssociation = CfAssociation & { CFDocumentURI: LinkUri };

export const DEFINITION_KINDS = ['CFConcepts', 'CFSubjects', 'CFLicenses', 'CFItemTypes', 'CFAssociationGroupings'] as const;
export type DefinitionKind = (typeof DEFINITION_KINDS)[number];
export type CfDefinitions = Record<DefinitionKind, JsonObject[]>;

export interface CfPackage {
  CFDocument: CfDocument;
  CFItems: CfItem[];
  CFAssociations: CfAssociation[];
  CFDefinitions: CfDefinitions;
  CFRubrics: JsonObject[];
  extensions?: JsonObject;
}

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
