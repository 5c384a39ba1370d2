import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectionNamed, type CollectionName } from '../../content/collections.js';
import { readSchemas } from '../../content/schemas.js';
import { listOf, nearest } from '../../content/suggest.js';
import { UsageError } from '../../errors.js';
import type { Country, Model } from '../../model/model.js';
import { check, type CheckResult } from '../../pipeline/index.js';
import { compareText } from '../../order.js';
import { contentOption } from '../shared.js';

/** `ecap new mission|practice|recommendation`: writes one new record that already passes `ecap check`. */
export function newCommand(): Command {
  const mission = new Command('mission')
    .description("start a member state's mission note, content/missions/<code>.md, as a draft")
    .argument('<code>', 'the country code of a member state in activity.yaml, such as vn')
    .addOption(contentOption())
    .action(async (code: string, options: { content: string }) => {
      const content = await readContent(options.content);
      const scaffold = await import('../../content/scaffold.js');
      const country = memberState(code, content);
      const existing = content.result.files.find((f) => f.collection === 'missions' && f.id === country.code.toLowerCase());
      if (existing || existsSync(recordPath(options.content, 'missions', country.code.toLowerCase()))) {
        throw new UsageError(`${existing?.path ?? display(recordPath(options.content, 'missions', country.code.toLowerCase()))} already exists: ${country.name} has a mission note; edit that file instead.`);
      }
      const { model } = content;
      const theme = model.themes[0]?.id ?? idsOf(content, 'themes')[0];
      if (!theme) throw new UsageError(`There is no theme in ${folderOf(options.content, 'themes')} yet: a mission's meetings name the themes discussed, so add a theme first (see docs/content-model.md).`);
      const text = scaffold.missionNote(
        {
          country: country.code,
          date: model.activity.period.start,
          theme,
          expert: mostCommon(model.missions.map((m) => m.data.expert)) ?? 'TODO',
          coordinator: mostCommon(model.missions.map((m) => m.data.coordinator.name)) ?? 'TODO',
        },
        await readSchemas(),
      );
      await create(options.content, 'missions', country.code.toLowerCase(), text, 'replace the TODOs and the placeholder dates');
    });

  const practice = new Command('practice')
    .description('start a best practice, content/practices/<country>-<title>.md')
    .argument('<title>', 'a short title naming the practice, in quotes')
    .requiredOption('--country <code>', 'the member state where it was observed; it needs a mission note')
    .requiredOption('--theme <id>', 'the theme whose chapter describes it: a file name in content/themes/ without .md')
    .addOption(contentOption())
    .action(async (rawTitle: string, options: { content: string; country: string; theme: string }) => {
      const title = titleOf(rawTitle, 'practice');
      const content = await readContent(options.content);
      const scaffold = await import('../../content/scaffold.js');
      const country = memberState(options.country, content);
      const theme = existingId(options.theme, content, 'themes', 'theme');
      const code = country.code.toLowerCase();
      const note = content.model.missions.find((m) => m.data.country === country.code);
      if (!note) {
        const file = content.result.files.find((f) => f.collection === 'missions' && f.id === code);
        throw new UsageError(
          file
            ? `${file.path} has errors, so its agencies are unknown: run \`npx ecap check\` and fix them first.`
            : `There is no mission note for ${country.name}, and practices come from missions: start one with \`npx ecap new mission ${code}\` first.`,
        );
      }
      const agencies = note.data.agencies;
      const agency = agencies.find((a) => a.kind === 'ip-office') ?? agencies[0]!;
      const slug = scaffold.slugify(title);
      const base = slug.startsWith(`${code}-`) ? slug : `${code}-${slug || 'practice'}`;
      const id = scaffold.freeId(base, taken(content, options.content, 'practices'));
      const text = scaffold.practiceNote({ title, country: country.code, theme, agencies: [agency.id] }, await readSchemas());
      await create(options.content, 'practices', id, text, 'replace the TODOs');
    });

  const recommendation = new Command('recommendation')
    .description('start a recommendation of a consultation meeting, content/recommendations/rNN-<title>.md, with the next free number')
    .argument('<title>', 'a short title, in quotes')
    .requiredOption('--meeting <id>', 'the meeting that adopted it: a file name in content/meetings/ without .md')
    .requiredOption('--theme <id>', 'the theme it belongs to: a file name in content/themes/ without .md')
    .addOption(new Option('--scope <scope>', 'regional: for action at ASEAN level; national: for action by each member state concerned').choices(['regional', 'national']).default('regional'))
    .addOption(contentOption())
    .action(async (rawTitle: string, options: { content: string; meeting: string; theme: string; scope: 'regional' | 'national' }) => {
      const title = titleOf(rawTitle, 'recommendation');
      const content = await readContent(options.content);
      const scaffold = await import('../../content/scaffold.js');
      const meeting = existingId(options.meeting, content, 'meetings', 'meeting');
      const theme = existingId(options.theme, content, 'themes', 'theme');
      const { model, result } = content;
      const checked = new Set(model.recommendations.map((r) => r.id));
      // A recommendation whose front matter does not validate still holds its number in its file name.
      const numbers = [
        ...model.recommendations.filter((r) => r.data.meeting === meeting).map((r) => r.data.number),
        ...result.files.filter((f) => f.collection === 'recommendations' && !checked.has(f.id)).flatMap((f) => /^r(\d+)-/.exec(f.id)?.[1] ?? []).map(Number),
      ];
      const number = Math.max(0, ...numbers) + 1;
      const id = scaffold.freeId(scaffold.recommendationId(number, title), taken(content, options.content, 'recommendations'));
      const text = scaffold.recommendationNote({ title, number, meeting, theme, scope: options.scope }, await readSchemas());
      await create(options.content, 'recommendations', id, text, 'replace the TODOs');
    });

  return new Command('new')
    .description('start a new mission note, best practice or recommendation that already passes ecap check')
    .addCommand(mission)
    .addCommand(practice)
    .addCommand(recommendation);
}

interface Content {
  contentDir: string;
  result: CheckResult;
  model: Model;
}

/** The content as checked; ids and numbers are taken from it so that a new record fits in. */
async function readContent(contentDir: string): Promise<Content> {
  const result = await check({ contentDir, cwd: process.cwd() });
  if (!result.model) throw new UsageError(`${display(path.join(contentDir, 'activity.yaml'))} is missing or has errors, so the member states are unknown: run \`npx ecap check\` and fix it first.`);
  return { contentDir, result, model: result.model };
}

function memberState(code: string, { model, contentDir }: Content): Country {
  const found = model.countries.find((c) => c.code === code.toUpperCase());
  if (found) return found;
  const codes = model.countries.map((c) => c.code);
  const near = nearest(code.toUpperCase(), codes);
  const activity = display(path.join(contentDir, 'activity.yaml'));
  throw new UsageError(
    `\`${code}\` is not a member state in ${activity}${near.length ? `; did you mean ${listOf(near)}?` : '.'} The member states are ${listOf([...codes].sort(compareText), 'and')}; add a new one under member_states in ${activity} first.`,
  );
}

/** An id of an existing record, or a usage error that suggests the nearest ones. */
function existingId(id: string, content: Content, collection: CollectionName, what: string): string {
  const ids = idsOf(content, collection);
  if (ids.includes(id)) return id;
  const near = nearest(id, ids);
  const folder = folderOf(content.contentDir, collection);
  if (ids.length === 0) throw new UsageError(`Unknown ${what} \`${id}\`: there is no ${what} in ${folder} yet; add one first (see docs/content-model.md).`);
  throw new UsageError(`Unknown ${what} \`${id}\`${near.length ? `; did you mean ${listOf(near)}?` : '.'} The ${what}s are the files in ${folder}: ${listOf(ids, 'and')}.`);
}

/** Ids of every file of a collection, valid or not. */
function idsOf({ result }: Content, collection: CollectionName): string[] {
  return result.files.filter((f) => f.collection === collection).map((f) => f.id).sort(compareText);
}

/** An id is taken when a record has it or any file or folder of that name is in the way. */
function taken(content: Content, contentDir: string, collection: CollectionName): (id: string) => boolean {
  const ids = new Set(idsOf(content, collection));
  return (id) => ids.has(id) || existsSync(recordPath(contentDir, collection, id));
}

function titleOf(raw: string, what: string): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title) throw new UsageError(`The title is empty: give the ${what} a short title, in quotes.`);
  return title;
}

function folderOf(contentDir: string, collection: CollectionName): string {
  const c = collectionNamed(collection);
  return display(path.join(contentDir, 'folder' in c.location ? c.location.folder : '')) + '/';
}

function recordPath(contentDir: string, collection: CollectionName, id: string): string {
  const c = collectionNamed(collection);
  return path.resolve(process.cwd(), contentDir, 'folder' in c.location ? c.location.folder : '', `${id}.md`);
}

/** A path as diagnostics show it: relative to the working directory, with forward slashes. */
function display(file: string): string {
  return path.relative(process.cwd(), path.resolve(process.cwd(), file)).split(path.sep).join('/');
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0];
}

/** Writes the new file, never over an existing one; its path to stdout, the next step to stderr. */
async function create(contentDir: string, collection: CollectionName, id: string, text: string, next: string): Promise<void> {
  const file = recordPath(contentDir, collection, id);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { flag: 'wx' });
  const shown = display(file);
  process.stdout.write(`${shown}\n`);
  process.stderr.write(`ecap: next, ${next} in ${shown}, then run \`npx ecap check\`\n`);
}
