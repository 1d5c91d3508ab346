/**
 * The Vite config of `npm run bench:forms`' own build of the web app: the app's
 * config plus a plugin that puts the bench form (bench-form.ts) first in the
 * form registry. A config file rather than an inline plugin, because SvelteKit
 * builds the client in a second Vite build that reloads the config file.
 */
import { fileURLToPath } from 'node:url';
import { mergeConfig, type Plugin, type UserConfig } from 'vite';
import webConfig from '../../web/vite.config.ts';

const registry = fileURLToPath(
  new URL('../../shared/src/questionnaires/forms/index.ts', import.meta.url),
);
const benchForm = fileURLToPath(new URL('./bench-form.ts', import.meta.url));
const marker = 'export const FORMS: readonly FormDefinition[] = [';

const benchFormPlugin: Plugin = {
  name: 'opora-bench-form',
  enforce: 'pre',
  transform(code, id) {
    if (id.split('?')[0] !== registry) return null;
    if (!code.includes(marker)) throw new Error(`bench:forms: no "${marker}" in ${registry}`);
    const head = `import { benchForm as __benchForm } from ${JSON.stringify(benchForm)};\n`;
    return head + code.replace(marker, `${marker}\n  __benchForm,`);
  },
};

export default mergeConfig(webConfig as UserConfig, { plugins: [benchFormPlugin] });
