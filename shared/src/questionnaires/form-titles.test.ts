import { expect, it } from 'vitest';
import { FORMS } from './forms/index.ts';
import { FORM_TITLES } from './form-titles.ts';

it('names every form with its definition’s title', () => {
  expect(FORM_TITLES).toEqual(Object.fromEntries(FORMS.map((f) => [f.id, f.title])));
});
