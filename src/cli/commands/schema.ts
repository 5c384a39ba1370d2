import { Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaDocs } from '../../content/schema-docs.js';
import { readSchemas } from '../../content/schemas.js';

const defaultOut = 'docs/content-model.md';

/** `ecap schema docs`: the content model as a Markdown document, from schemas/*.schema.json. */
export function schemaCommand(): Command {
  const docs = new Command('docs')
    .description('write the content model (every collection and field, from the JSON Schemas) as Markdown')
    .option('--out <file>', 'where to write it', defaultOut)
    .option('--check', 'write nothing; fail (exit 1) when the file differs from what would be written')
    .action(async (options: { out: string; check?: boolean }) => {
      const text = schemaDocs(await readSchemas());
      const target = path.resolve(process.cwd(), options.out);
      if (options.check) {
        const current = await readFile(target, 'utf8').catch(() => undefined);
        if (current === text) {
          process.stderr.write(`ecap: ${options.out} is up to date\n`);
          return;
        }
        const out = options.out === defaultOut ? '' : ` --out ${options.out}`;
        process.stderr.write(`ecap: ${options.out} is ${current === undefined ? 'missing' : 'stale'}: run \`npx ecap schema docs${out}\` and commit the result\n`);
        process.exitCode = 1;
        return;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
      process.stderr.write(`ecap: wrote ${options.out}\n`);
    });
  return new Command('schema').description('documents generated from the JSON Schemas of the content').addCommand(docs);
}
