import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSchemas } from '../src/content/schemas.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { compileSchemas } from '../src/content/validators.js';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

describe('schemas', () => {
  it('compile under ajv strict mode', async () => {
    const validators = Object.values(compileSchemas(await readSchemas()));
    expect(validators.length).toBeGreaterThanOrEqual(9);
    for (const validate of validators) expect(validate).toBeTypeOf('function');
  });

  it('are valid JSON Schema 2020-12', async () => {
    const ajv = new Ajv2020();
    for (const [name, schema] of Object.entries(await readSchemas())) expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
  });

  it('match the committed TypeScript types (npm run types regenerates them)', () => {
    // Exits non-zero, failing the test, when regenerating would change the file.
    execFileSync(process.execPath, [path.join(repo, 'scripts', 'generate-types.js'), '--check'], { cwd: repo, stdio: 'pipe' });
  });

  it('describe every field, so messages and docs can explain it', async () => {
    const missing: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [name, property] of Object.entries(properties ?? {})) {
        if (typeof property === 'object' && !property.description && !property.$ref) missing.push(`${at}/${name}`);
        walk(property, `${at}/${name}`);
      }
      for (const key of ['items', '$defs']) {
        const child = schema[key];
        if (key === '$defs') for (const [n, d] of Object.entries((child ?? {}) as object)) walk(d, `${at}/$defs/${n}`);
        else walk(child, `${at}/${key}`);
      }
    };
    for (const [name, schema] of Object.entries(await readSchemas())) walk(schema, name);
    expect(missing).toEqual([]);
  });
});
