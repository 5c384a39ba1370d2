/** The kinds of record ecap reads, where they live, and the schema each is checked against. */
export type CollectionName =
  | 'activity'
  | 'sources'
  | 'themes'
  | 'missions'
  | 'practices'
  | 'meetings'
  | 'recommendations'
  | 'statistics';

export interface Collection {
  name: CollectionName;
  /** A single file directly under the content folder, or a folder of records. */
  location: { file: string } | { folder: string };
  format: 'markdown' | 'yaml';
  schema: string;
}

export const collections: readonly Collection[] = [
  { name: 'activity', location: { file: 'activity.yaml' }, format: 'yaml', schema: 'activity.schema.json' },
  { name: 'sources', location: { file: 'sources.yaml' }, format: 'yaml', schema: 'sources.schema.json' },
  { name: 'themes', location: { folder: 'themes' }, format: 'markdown', schema: 'theme.schema.json' },
  { name: 'missions', location: { folder: 'missions' }, format: 'markdown', schema: 'mission.schema.json' },
  { name: 'practices', location: { folder: 'practices' }, format: 'markdown', schema: 'practice.schema.json' },
  { name: 'meetings', location: { folder: 'meetings' }, format: 'markdown', schema: 'meeting.schema.json' },
  { name: 'recommendations', location: { folder: 'recommendations' }, format: 'markdown', schema: 'recommendation.schema.json' },
  { name: 'statistics', location: { folder: 'statistics' }, format: 'yaml', schema: 'statistics.schema.json' },
];

const byName = new Map(collections.map((c) => [c.name, c]));

/** The collection of that name: every `CollectionName` has one. */
export function collectionNamed(name: CollectionName): Collection {
  return byName.get(name)!;
}

/** File name endings each format accepts. */
export const extensions: Record<Collection['format'], readonly string[]> = {
  markdown: ['.md'],
  yaml: ['.yaml', '.yml'],
};
