// An identifier belongs to the institution that created it. Reusing another institution's framework, item,
// association or scale identifier (by a form, or a CASE or Moodle import) is refused: the public CASE API serves the
// newest version under an identifier, and credentials align to those URIs.
import type { EntityManager } from 'typeorm';
import { forbidden } from '../common/problems.js';
import type { FrameworksRepository } from './frameworks.repository.js';

export async function assertIdentifiersOwnedBy(
  frameworks: FrameworksRepository,
  ownerInstitutionId: string,
  identifiers: Iterable<string>,
  manager?: EntityManager,
): Promise<void> {
  const held = await frameworks.identifiersHeldByOthers(
    [...new Set([...identifiers].map((id) => id.toLowerCase()))],
    ownerInstitutionId,
    manager,
  );
  if (held.length) {
    const shown = held.slice(0, 5).join(', ');
    throw forbidden(
      'identifier_of_other_institution',
      `Identifier${held.length > 1 ? 's' : ''} ${shown}${held.length > 5 ? ` and ${held.length - 5} more` : ''} belong${held.length > 1 ? '' : 's'} to another institution's framework; use identifiers of your own.`,
    );
  }
}
