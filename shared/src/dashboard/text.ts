/**
 * Russian text normalisation for search and header matching: lower case, ё → е,
 * every run of punctuation or spaces → one space. "МБОУ «СОШ № 5» с. Ёлкино"
 * becomes "мбоу сош 5 с елкино", so a coordinator who types "елкино сош 5" finds it.
 */

/** Normalises Russian text for comparison (case-, ё/е- and punctuation-insensitive). */
export function normalizeRu(text: string): string {
  return text
    .toLocaleLowerCase('ru-RU')
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text after normalizeRu; digits are split from letters ("№5а" → "5", "а"). */
export function wordsRu(text: string): string[] {
  const norm = normalizeRu(text).replace(/(\p{N})(\p{L})|(\p{L})(\p{N})/gu, '$1$3 $2$4');
  return norm.length === 0 ? [] : norm.split(' ');
}

const collator = new Intl.Collator('ru');

/** Compares two Russian strings for sorting (one shared Intl.Collator: localeCompare per call is slow). */
export function compareRu(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * Each item's place in Russian name order, as a cheap tie-break for sorts by
 * something else: one collator pass when the items are in name order already
 * (the dashboards' schools are), one sort otherwise; equal names keep their order.
 */
export function rankByName<T>(items: readonly T[], name: (item: T) => string): Map<T, number> {
  let ordered = true;
  for (let i = 1; i < items.length && ordered; i++)
    ordered = collator.compare(name(items[i - 1] as T), name(items[i] as T)) <= 0;
  const list = ordered ? items : [...items].sort((a, b) => collator.compare(name(a), name(b)));
  return new Map(list.map((item, i) => [item, i]));
}
