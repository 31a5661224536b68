/** npm run validate: manifest.xml (and dist/manifest.xml when present) against the vendored XSDs. */
import { existsSync } from 'node:fs';
import { validateManifest } from './lib/manifest-validation.js';

const files = ['manifest.xml', 'dist/manifest.xml'].filter((file) => existsSync(file));
let failed = false;
for (const file of files) {
  const result = await validateManifest(file);
  if (result.valid) console.log(`${file}: valid (${result.validator})`);
  else {
    failed = true;
    console.error(`${file}: INVALID (${result.validator})\n${result.errors}`);
  }
}
process.exitCode = failed ? 1 : 0;
