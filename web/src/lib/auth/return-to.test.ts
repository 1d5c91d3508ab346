import { describe, expect, it } from 'vitest';
import { returnPath, signInUrl } from './return-to';

describe('the return path after signing in', () => {
  it('keeps a path of the app with its query', () => {
    expect(returnPath('/transfer?shared=file')).toBe('/transfer?shared=file');
    expect(returnPath('/doc/school%3As1%3Aroadmap%3A2026')).toBe(
      '/doc/school%3As1%3Aroadmap%3A2026',
    );
  });

  it('returns home for anything that is not a path of this app', () => {
    for (const raw of [
      null,
      '',
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/signin?next=/x',
    ])
      expect(returnPath(raw)).toBe('/');
  });

  it('builds the sign-in URL that comes back', () => {
    expect(signInUrl('/transfer?shared=file')).toBe('/signin?next=%2Ftransfer%3Fshared%3Dfile');
    expect(signInUrl('/')).toBe('/signin');
    expect(signInUrl('/signin')).toBe('/signin');
  });
});
