// Shape of the demo content loaded on first start; the seeder turns it into rows through the services.

export interface LocalizedText {
  fr: string;
  ar?: string;
  en?: string;
}

export interface DemoInstitution {
  slug: string;
  kind: 'school' | 'hospital';
  name: LocalizedText;
  country: string; // ISO 3166-1 alpha-2
  website: string;
}

export interface DemoLevel {
  rank: number; // 1 = lowest
  code: string;
  label: LocalizedText;
  description?: LocalizedText;
}

export interface DemoItem {
  code: string; // human coding scheme, e.g. "PS-1.2"
  itemType: 'domain' | 'competency' | 'sub_competency';
  kind?: 'skill' | 'knowledge' | 'behaviour'; // savoir-faire / connaissance / savoir-être
  label: LocalizedText;
  description?: LocalizedText;
  children?: DemoItem[];
}

export interface DemoAssociation {
  originCode: string;
  type: 'exactMatchOf' | 'closeMatchOf' | 'isRelatedTo' | 'isPartOf' | 'precedes' | 'replacedBy';
  destinationCode?: string; // an item of the same framework
  destinationUri?: string; // or an external concept, e.g. an ESCO skill URI
  destinationLabel?: string;
}

export interface DemoFramework {
  ownerSlug: string;
  version: string;
  title: LocalizedText;
  description: LocalizedText;
  scale: { code: string; title: LocalizedText; levels: DemoLevel[] };
  items: DemoItem[]; // the domains, with their competencies as children
  associations: DemoAssociation[];
}

export interface DemoRequirement {
  itemCode: string;
  level: number; // rank in the framework's scale
  essential: boolean;
}

export interface DemoJobProfile {
  ownerSlug: string;
  code: string;
  family: LocalizedText;
  subFamily: LocalizedText;
  title: LocalizedText;
  definition: LocalizedText;
  activities: LocalizedText[];
  iscoCode?: string; // ISCO-08 unit group, e.g. "1342"
  escoUri?: string; // ESCO occupation URI
  requirements: DemoRequirement[];
}
