import { fileURLToPath, URL } from 'node:url';
import { buildPlugin } from '../../scripts/build-plugin.mjs';

await buildPlugin(fileURLToPath(new URL('.', import.meta.url)), { css: 'src/styles.css' });
