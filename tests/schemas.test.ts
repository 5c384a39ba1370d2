import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSchemas } from '../src/content/schemas.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { collectionNamed } from '../src/content/collections.js';
import { prebuiltFile, validatorsFor, type Prebuilt } from '../src/content/prebuilt-validators.js';
import { compileSchemas } from '../src/content/validators.js';
import { load } from '../src/pipeline/load.js';
import { parse } from '../src/pipeline/parse.js';
import { repo } from './helpers.js';

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

describe("the validators built into the bundle (see src/content/prebuilt-validators.ts)", () => {
  /** Every record of the bundled content, with the schema it is checked against, read and parsed as a build does. */
  async function records(): Promise<Array<{ file: string; schema: string; data: Record<string, unknown> }>> {
    const { value: files } = await load('content', repo);
    return files.map((file) => ({ file: file.path, schema: collectionNamed(file.collection).schema, data: parse(file).value!.data as Record<string, unknown> }));
  }

  /** The record, and the record broken in each way a schema catches: each field gone, of the wrong type, of an unknown value, and a field too many. */
  function variants(data: Record<string, unknown>): unknown[] {
    const out: unknown[] = [data, { ...data, unknown_field: 1 }];
    for (const key of Object.keys(data)) {
      const { [key]: _gone, ...without } = data;
      out.push(without, { ...data, [key]: 12345 }, { ...data, [key]: 'not-a-known-value' }, { ...data, [key]: [] }, { ...data, [key]: '2013-02-30' });
    }
    return out;
  }

  it('are used when made from these schemas, and judge every record as ajv compiling them now does', async () => {
    const set = await readSchemas();
    const bundled = (await import(pathToFileURL(path.join(repo, 'build', 'bundle', prebuiltFile)).href)) as Prebuilt;
    const prebuilt = await validatorsFor(set, Promise.resolve(bundled));
    expect(Object.keys(prebuilt).sort()).toEqual(Object.keys(set).sort());
    bundled.names.forEach((name, i) => expect(prebuilt[name]).toBe(bundled[`v${i}`]));
    const compiled = compileSchemas(set);
    let invalid = 0;
    for (const { file, schema, data } of await records()) {
      for (const variant of variants(data)) {
        const valid = prebuilt[schema]!(variant);
        expect(compiled[schema]!(variant), file).toBe(valid);
        expect(prebuilt[schema]!.errors, file).toEqual(compiled[schema]!.errors);
        if (!valid) invalid++;
      }
    }
    // Enough broken records that every kind of error the messages explain came up.
    expect(invalid).toBeGreaterThan(500);
  });

  it('are not used when the schemas have changed since the bundle was made', async () => {
    const set = await readSchemas();
    const bundled = (await import(pathToFileURL(path.join(repo, 'build', 'bundle', prebuiltFile)).href)) as Prebuilt;
    const theme = set['theme.schema.json'] as { required: string[]; properties: object };
    const colour = { type: 'string', description: "The theme's colour." };
    const changed = { ...set, 'theme.schema.json': { ...theme, properties: { ...theme.properties, colour }, required: [...theme.required, 'colour'] } };
    const validators = await validatorsFor(changed, Promise.resolve(bundled));
    expect(validators['theme.schema.json']).not.toBe(bundled[`v${bundled.names.indexOf('theme.schema.json')}`]);
    expect(validators['theme.schema.json']!({ title: 'Courts', summary: 'S', order: 1 })).toBe(false);
    expect(validators['theme.schema.json']!.errors).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: 'colour' } }));
  });
});
