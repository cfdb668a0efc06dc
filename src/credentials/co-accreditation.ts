// The co-accrediting school's step on a diploma draft: its signed EndorsementCredential, embedded in `endorsement`.
import { conflict } from '../common/problems.js';
import type { DocumentLoader } from './vc/document-loader.js';
import { buildEndorsement, endorsedDigest } from './vc/endorsements.js';
import type { JsonObject } from './vc/issuer.js';
import type { ProfileInput } from './vc/open-badges.js';

/** The awarding school at `index` of the draft's awardingBody (lead first, as signerInstitutionIds). */
export function profileOf(draft: JsonObject, index: number): ProfileInput {
  const bodies = Array.isArray(draft.awardingBody) ? (draft.awardingBody as JsonObject[]) : [];
  const body = index >= 0 ? bodies[index] : undefined;
  if (!body || typeof body.id !== 'string' || typeof body.name !== 'string') {
    throw conflict('not_an_awarding_body', 'The diploma does not list your school among its awarding bodies.');
  }
  return { id: body.id, name: body.name, ...(typeof body.url === 'string' ? { url: body.url } : {}) };
}

/**
 * The draft with one more endorsement, by `school`, of its content as it stands (proof and endorsements aside), signed
 * at `date`; `id` is the endorsement's own (a fresh `urn:uuid:`). `sign` adds the school's proof (IssuerSigner in the service).
 */
export async function endorse({
  draft,
  school,
  sign,
  documentLoader,
  date,
  id,
}: {
  draft: JsonObject;
  school: ProfileInput;
  sign: (endorsement: JsonObject) => Promise<JsonObject>;
  documentLoader: DocumentLoader;
  date: Date;
  id: string;
}): Promise<JsonObject> {
  const digest = await endorsedDigest(draft, documentLoader);
  const unsigned = buildEndorsement({
    id,
    credentialId: String(draft.id),
    digest,
    issuer: school,
    validFrom: date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    comment: `${school.name} co-awards this diploma and approves its content (digest ${digest}).`,
  });
  const endorsement = await sign(unsigned);
  const previous = Array.isArray(draft.endorsement) ? draft.endorsement : [];
  return { ...draft, endorsement: [...previous, endorsement] };
}
