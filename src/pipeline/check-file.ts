import type { SchemaSet } from '../content/schemas.js';
import { compileSchemas } from '../content/validators.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from './load.js';
import { parse } from './parse.js';
import { structure, type CheckedFile } from './structure.js';
import { validate } from './validate.js';
import { visit } from 'unist-util-visit';
import { hasInternal } from '../model/edition.js';

// The per-file stages and what they need (remark, ajv, yaml): loaded only when a file is not
// in the cache, so that checking unchanged content starts fast.

/** What the per-file stages make of one file; cached by the file's content hash. */
export interface FileResult {
  diagnostics: Diagnostic[];
  checked?: CheckedFile;
}

/** parse → validate → structure for one file, with the schemas compiled once. */
export function fileChecker(schemas: SchemaSet): (file: SourceFile) => FileResult {
  const validators = compileSchemas(schemas);
  return (file) => {
    const parsed = parse(file);
    if (!parsed.value) return { diagnostics: parsed.diagnostics };
    const valid = validate(parsed.value, validators);
    if (!valid.value) return { diagnostics: [...parsed.diagnostics, ...valid.diagnostics] };
    const shaped = structure(valid.value);
    // Positions in a body serve only the diagnostics, which are made by now; without them a
    // body takes about half the memory and cache space.
    const { body, parts } = shaped.value;
    if (body) {
      visit(body, (node) => void delete node.position);
      if (!hasInternal(body)) {
        body.data = { ...body.data, withoutInternal: true };
        if (parts) parts.withoutInternal = true;
      }
    }
    return { diagnostics: [...parsed.diagnostics, ...valid.diagnostics, ...shaped.diagnostics], checked: shaped.value };
  };
}
