// Loads the built wasm package (dist/pkg, from scripts/build.sh) in Node, synchronously.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = path.join(root, 'dist/pkg');
const api = await import(path.join(pkg, 'luciq_scim.js'));
api.initSync({ module: fs.readFileSync(path.join(pkg, 'luciq_scim_bg.wasm')) });
export const { checkNames, luciqProfile } = api;
export const dtsPath = path.join(pkg, 'luciq_scim.d.ts');
export { api, root };
