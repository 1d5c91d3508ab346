/** Russian plural forms through Intl.PluralRules('ru'): one (1, 21), few (2–4, 22), many (5, 11). */

/** The three forms a Russian count word needs (other = fractional numbers). */
export interface PluralForms {
  one: string;
  few: string;
  many: string;
  other: string;
}

const rules = new Intl.PluralRules('ru');

/** Picks the form of a word for a count: plural(21, изменение) → «изменение». */
export function plural(count: number, forms: PluralForms): string {
  const category = rules.select(count);
  switch (category) {
    case 'one':
      return forms.one;
    case 'few':
      return forms.few;
    case 'many':
      return forms.many;
    default:
      return forms.other;
  }
}
