import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, REPO_ROOT, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.host).toBe('0.0.0.0');
    expect(c.databasePath).toBe(resolve('data/opora.db'));
    expect(c.webRoot).toBe(resolve(REPO_ROOT, 'web/build'));
    expect(c.demo).toBe(true);
    expect(c.trustProxy).toBe(false);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      DATABASE_PATH: '/tmp/x.db',
      WEB_ROOT: '/srv/web',
      DEMO: 'off',
      DEMO_DOCUMENTS: '0',
      TRUST_PROXY: '1',
    });
    expect(c).toEqual({
      port: 9000,
      host: '127.0.0.1',
      databasePath: '/tmp/x.db',
      webRoot: '/srv/web',
      demo: false,
      demoDocuments: false,
      trustProxy: true,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ PORT: '80.5' }, /PORT/],
    [{ DEMO: 'maybe' }, /DEMO/],
    [{ DEMO_DOCUMENTS: 'yes please' }, /DEMO_DOCUMENTS/],
    [{ HOST: '  ' }, /HOST/],
    [{ DATABASE_PATH: '' }, /DATABASE_PATH/],
  ])('refuses %j with a message naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
