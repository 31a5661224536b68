import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Validates an add-in XML manifest against Microsoft's XSDs (test/schemas, vendored from
 * ../shared/schemas). Uses /usr/bin/xmllint when present, else xmllint-wasm. Offline.
 */
export interface ManifestValidation {
  file: string;
  valid: boolean;
  errors: string;
  validator: 'xmllint' | 'xmllint-wasm';
}

export const schemaDir = fileURLToPath(new URL('../../test/schemas', import.meta.url));
const entrySchema = 'OfficeAppManifestV1_1.xsd';
const systemXmllint = '/usr/bin/xmllint';

/** `prefer: 'wasm'` skips /usr/bin/xmllint (tests cover both paths). */
export async function validateManifest(file: string, prefer: 'system' | 'wasm' = 'system'): Promise<ManifestValidation> {
  if (prefer === 'system' && existsSync(systemXmllint)) {
    const run = spawnSync(systemXmllint, ['--noout', '--nonet', '--schema', join(schemaDir, entrySchema), resolve(file)], { encoding: 'utf8' });
    return { file, valid: run.status === 0, errors: run.status === 0 ? '' : run.stderr, validator: 'xmllint' };
  }
  const { validateXML } = await import('xmllint-wasm');
  const schemas = readdirSync(schemaDir).filter((name) => name.endsWith('.xsd'));
  const result = await validateXML({
    xml: [{ fileName: 'manifest.xml', contents: readFileSync(file, 'utf8') }],
    schema: [{ fileName: entrySchema, contents: readFileSync(join(schemaDir, entrySchema), 'utf8') }],
    preload: schemas.filter((name) => name !== entrySchema).map((name) => ({ fileName: name, contents: readFileSync(join(schemaDir, name), 'utf8') })),
  });
  return { file, valid: result.valid, errors: result.errors.map((e) => e.rawMessage).join('\n'), validator: 'xmllint-wasm' };
}
