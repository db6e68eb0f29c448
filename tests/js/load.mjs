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
// The names-only module the page loads.
const namesApi = await import(path.join(pkg, 'luciq_scim_names.js'));
namesApi.initSync({ module: fs.readFileSync(path.join(pkg, 'luciq_scim_names_bg.wasm')) });
export const namesDtsPath = path.join(pkg, 'luciq_scim_names.d.ts');
export { namesApi };
export { api, root };
