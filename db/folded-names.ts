/**
 * Names folded as the matcher folds them (case, diacritics, `ı`, `ø`, `ß`, `&`; `y` as `ij`, `Piet's` as `Piets`),
 * beside the names as written, so that a search for `Bogemann` finds Bögemann and `Kuypers` finds Kuijpers:
 * supplier_search's `folded`, people's `folded_name` and the declarations' `folded_names` (an unregistered supplier
 * or an organisation), each in every spelling of its short forms too (`v.d.`, `a/d`, `St.`).
 * SQL cannot fold so: they are written with every write of a name, and filled in when the registry opens for the
 * rows that have none yet (from before the columns, or emptied by a migration when folding changed).
 */
import { and, eq, isNotNull, like, or, type SQLWrapper } from 'drizzle-orm';
import { TRADE_WORDS } from '../core/matcher/compounds.ts';
import { shortFormSpellings } from '../core/matcher/short-forms.ts';
import { foldAsRead } from '../core/matcher/word-lookup.ts';
import type { Db, Tx } from './client.ts';
import { declarations, people, SEARCH_SEPARATOR, supplierSearch } from './schema.ts';
import { writeTx } from './write.ts';

/** Before a trade word that ends a word of the search, or stands apart after one (see compounds.ts). */
const BEFORE_TRADE_WORD = new RegExp(`(?<=\\p{L}{3}) ?(?=(?:${TRADE_WORDS.join('|')})(?: |$))`, 'gu');

/**
 * What a search for `q` looks for in the folded columns (a LIKE pattern); none when `q` folds to nothing. A compound
 * that ends in a trade word finds the name written together or apart, as the flags do: `installatie techniek` and
 * `installatietechniek` both look for `installatie%techniek`.
 */
export function foldedPattern(q: string): string | undefined {
  const folded = foldAsRead(q);
  return folded ? `%${folded.replace(BEFORE_TRADE_WORD, '%')}%` : undefined;
}

/** The ids of the suppliers one of whose names, folded, is like `pattern`: for lists searched by supplier name. */
export const suppliersNamed = (db: Db, pattern: string | SQLWrapper) =>
  db.select({ id: supplierSearch.supplierId }).from(supplierSearch).where(like(supplierSearch.folded, pattern));

/** A name folded, in every spelling of its short forms (`v.d.` and `van der`, `St.` and `Sint`): any finds it. */
export const foldName = (name: string) => shortFormSpellings(foldAsRead(name)).join(SEARCH_SEPARATOR);

const foldNames = (names: string) => names.split(SEARCH_SEPARATOR).map(foldName).join(SEARCH_SEPARATOR);

/** A declaration's `folded_names`: the unregistered supplier and the organisation it names, folded. */
export const foldedDeclarationNames = (d: { supplierName?: string | null; organisation?: string | null }) =>
  [d.supplierName, d.organisation].map((name) => foldName(name ?? '')).join(SEARCH_SEPARATOR);

const setFolded = (tx: Tx, supplierId: string, names: string) =>
  tx
    .update(supplierSearch)
    .set({ folded: foldNames(names) })
    .where(eq(supplierSearch.supplierId, supplierId));

/** After a write of the supplier's name or aliases (the triggers have written its names by then). */
export async function storeFoldedNames(tx: Tx, supplierId: string): Promise<void> {
  const [row] = await tx
    .select({ names: supplierSearch.names })
    .from(supplierSearch)
    .where(eq(supplierSearch.supplierId, supplierId));
  if (row) await setFolded(tx, supplierId, row.names);
}

/** Folds the names of every supplier, person and declaration that has none folded yet. */
export async function foldMissingNames(db: Db): Promise<void> {
  const suppliers = await db
    .select({ id: supplierSearch.supplierId, names: supplierSearch.names })
    .from(supplierSearch)
    .where(eq(supplierSearch.folded, ''));
  const persons = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.foldedName, ''));
  const named = await db
    .select({ id: declarations.id, supplierName: declarations.supplierName, organisation: declarations.organisation })
    .from(declarations)
    .where(
      and(
        eq(declarations.foldedNames, ''),
        or(isNotNull(declarations.supplierName), isNotNull(declarations.organisation)),
      ),
    );
  if (!suppliers.length && !persons.length && !named.length) return;
  await writeTx(db, async (tx) => {
    for (const { id, names } of suppliers) await setFolded(tx, id, names);
    for (const { id, name } of persons)
      await tx
        .update(people)
        .set({ foldedName: foldName(name) })
        .where(eq(people.id, id));
    for (const declaration of named)
      await tx
        .update(declarations)
        .set({ foldedNames: foldedDeclarationNames(declaration) })
        .where(eq(declarations.id, declaration.id));
  });
}
