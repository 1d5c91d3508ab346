import { expect, it } from 'vitest';
import { FORMS } from './forms/index.ts';
import { FORM_IDS, FORM_TITLES } from './form-titles.ts';

it('names every form with its definition’s title, in the definitions’ order', () => {
  expect(FORM_TITLES).toEqual(Object.fromEntries(FORMS.map((f) => [f.id, f.title])));
  expect(FORM_IDS).toEqual(FORMS.map((f) => f.id));
});
