// jsonld 9 deep-copies the whole active context for every typed node it expands, and never finds a type-scoped
// context it has already processed in its own cache (jsonld.js issue #414): about 70 % of the CPU of an Open Badges
// 3.0 verification, whose context scopes a context to nearly every type. patches/jsonld+9.0.0.patch, applied by
// `npm install` (patch-package, postinstall), makes those copies copy-on-write and lets the cache find them: same
// output, measured against the stock library in jsonld-context-patch.spec.ts; a verification goes from ~11 to ~1 ms.
import jsonldContext from 'jsonld/lib/context.js';

/** Whether the installed jsonld carries the patch (without it everything still works, only slower). */
export function isJsonLdContextPatchApplied(): boolean {
  const initial = jsonldContext.getInitialContext({ processingMode: 'json-ld-1.1' });
  // The stock library returns a deep copy of the previous context; the patched one shares it.
  return initial.revertToPreviousContext.call({ previousContext: initial }) === initial;
}
