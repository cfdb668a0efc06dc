// Our own records, read for a verification (DID documents, status lists, the institution of a DID).
import { HttpException } from '@nestjs/common';
import { SourceUnavailableError } from './vc/verification-problems.js';

/**
 * A database that does not answer makes the check indeterminate, not failed: a genuine certificate must never read
 * "not verified" because of an outage. Refusals (an unknown list) pass through.
 */
export async function readOwn<T>(read: () => Promise<T>, what: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof HttpException) throw error;
    throw new SourceUnavailableError(`${what} cannot be read now (${(error as Error).message})`, { cause: error });
  }
}
