// The framework import (behind CASE, Moodle and ESCO) goes through the same lifecycle rules as the API: publishing in
// the import checks what POST /frameworks/:id/publish checks. Called in-process, as the importers call it.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../src/auth/roles.js';
import type { ImportedFramework } from '../src/interop/imported-framework.js';
import { FrameworkImportService } from '../src/interop/framework-import.service.js';
import { Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('framework import and the lifecycle rules', () => {
  let ctx: TestApp;
  let hr: Person;
  let actor: Actor;
  const importer = () => ctx.app.get(FrameworkImportService);
  const versionsOf = async (identifier: string) =>
    (await ctx.http.get(`/frameworks?identifier=${identifier}`).set({ authorization: `Bearer ${hr.token}` })).body.data as {
      status: string;
    }[];
  const model = (overrides: Partial<ImportedFramework>): ImportedFramework => ({
    identifier: randomUUID(),
    version: '1',
    title: { fr: 'Import' },
    scales: [],
    items: [],
    associations: [],
    ...overrides,
  });
  const SCALE = { code: 'N', title: { fr: 'Niveaux' }, levels: [{ rank: 1, code: 'N1', label: { fr: 'Notions' } }] };
  const ITEM = { identifier: randomUUID(), itemType: 'Competency', label: { fr: 'Accueillir le patient' }, scaleCode: 'N' };

  beforeAll(async () => {
    ctx = await startTestApp();
    hr = await new Factory(ctx).newHrManager();
    actor = { userId: hr.id, role: 'hr_manager', institutionId: hr.institutionId };
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('refuses to publish an import without items, as the API refuses, and writes nothing', async () => {
    const empty = model({ scales: [SCALE] });
    await expect(importer().import(empty, actor, { publish: true })).rejects.toMatchObject({
      response: { code: 'framework_incomplete', errors: [{ field: 'items', reason: 'a published framework needs at least one item' }] },
    });
    expect(await versionsOf(empty.identifier)).toEqual([]);
  });

  it('publishes a complete import', async () => {
    const complete = model({ scales: [SCALE], items: [ITEM] });
    expect(await importer().import(complete, actor, { publish: true })).toMatchObject({ status: 'published', items: 1, scales: 1 });
  });

  it('still imports a framework without a proficiency scale as a draft (CASE files often carry none)', async () => {
    const unscaled = model({ items: [{ ...ITEM, identifier: randomUUID(), scaleCode: undefined }] });
    expect(await importer().import(unscaled, actor)).toMatchObject({ status: 'draft', scales: 0, items: 1 });
    expect(await versionsOf(unscaled.identifier)).toMatchObject([{ status: 'draft' }]);
  });
});
