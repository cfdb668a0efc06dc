// Proof purposes that let a co-awarded credential carry one proof per awarding school.
import jsigs, { type PurposeResult, type PurposeValidateOptions } from 'jsonld-signatures';
import { UnexpectedSignerError } from './verification-problems.js';

/**
 * Like the library's CredentialIssuancePurpose (assertionMethod, key listed by its controller), except that the
 * controller may be any of the credential's awarding bodies, not only `issuer`: the stock purpose rejects every
 * co-awarding school's proof.
 */
export class AwardingBodyProofPurpose extends jsigs.purposes.AssertionProofPurpose {
  private readonly allowedControllers: ReadonlySet<string>;

  constructor({ allowedControllers }: { allowedControllers: Iterable<string> }) {
    super();
    this.allowedControllers = new Set(allowedControllers);
  }

  override async validate(proof: Record<string, unknown>, options: PurposeValidateOptions): Promise<PurposeResult> {
    const result = await super.validate(proof, options);
    if (!result.valid) return result;
    const controllerId = result.controller?.id;
    if (typeof controllerId !== 'string' || !this.allowedControllers.has(controllerId)) {
      return { ...result, valid: false, error: new UnexpectedSignerError(typeof controllerId === 'string' ? controllerId : undefined) };
    }
    return result;
  }
}
