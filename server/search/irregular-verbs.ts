import { createRequire } from 'node:module';

// Read with require: the server's bundle keeps packages external and drops a JSON import's
// attribute, which Node then refuses (ERR_IMPORT_ASSERTION_TYPE_MISSING).
const verbs: unknown = createRequire(import.meta.url)('english-verbs-irregular/dist/verbs.json');

/**
 * English irregular past forms to their verb ("left" → "leave", "brought" → "bring", "paid" →
 * "pay"), from RosaeNLG's list (english-verbs-irregular): Snowball strips endings and cannot join
 * them, and a description of facts is told in the past ("she could have left", "a gang brought
 * him"). A form that is itself a verb of the list ("lay", "found" when listed, "bid") keeps its own
 * key, so no base verb is read as another's past. Built once when the module loads, about 3,000
 * entries.
 */
const PAST_TO_VERB: ReadonlyMap<string, string> = (() => {
  const table = verbs as Record<string, string[][]>;
  const map = new Map<string, string>();
  for (const [verb, forms] of Object.entries(table)) {
    for (const form of forms.flat()) {
      if (form !== verb && !(form in table) && !map.has(form)) map.set(form, verb);
    }
  }
  return map;
})();

/** The verb of an English irregular past form, lower case, or undefined. Pure. */
export function verbOfPastForm(lower: string): string | undefined {
  return PAST_TO_VERB.get(lower);
}
