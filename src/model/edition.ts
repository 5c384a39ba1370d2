import type { Parent, Root, RootContent } from 'mdast';
import { some } from '../walk.js';
import type { Model } from './model.js';

declare module 'mdast' {
  interface RootData {
    /** Set by the check on a body with no internal passage, so that an edition need not look. */
    withoutInternal?: boolean;
  }
}

/** `internal` shows everything, marked; `public` leaves out whatever is marked internal. */
export type Edition = 'internal' | 'public';
export const editions: readonly Edition[] = ['internal', 'public'];

/**
 * The model as an edition shows it. Public: internal practices, recommendations, figures and
 * coordinators' names are left out, and so are `:::internal` sections and `:internal[…]` words
 * of every body, with the links that pointed at what was removed. Internal: those sections
 * become quotes headed "Internal." so that readers see what will not be published.
 */
export function forEdition(source: Model, edition: Edition): Model {
  // Nothing here changes `source`. A record's data are copied only where the public edition
  // rewrites them (recommendations, statistics and missions, below), and a body only when it
  // has something to rewrite, since bodies are most of the model and most have nothing
  // internal in them; the rest is shared with `source`. A build holds both models from laying
  // out to the last file written: copying every record's data held a second copy of it, and a
  // cold build of 10,000 records wrote at about 20 MB more (see Memory in docs/speed.md).
  const edit = <R extends { data: unknown }>(r: R): R => (edition === 'public' ? { ...r, data: structuredClone(r.data) } : { ...r });
  const body = (root: Root) => bodyForEdition(root, edition);
  const nodes = (children: RootContent[]) => bodyForEdition({ type: 'root', children }, edition).children;
  const model: Model = {
    ...structuredClone({ ...source, themes: [], missions: [], practices: [], meetings: [], recommendations: [], statistics: [] }),
    themes: source.themes.map((r) => ({ ...r, body: body(r.body) })),
    practices: source.practices.map((r) => ({ ...r, body: body(r.body) })),
    meetings: source.meetings.map((r) => ({ ...r, body: body(r.body) })),
    recommendations: source.recommendations.map((r) => ({ ...edit(r), body: body(r.body) })),
    statistics: source.statistics.map(edit),
    missions: source.missions.map((m) => ({
      ...edit(m),
      body: m.body.withoutInternal ? m.body : { intro: nodes(m.body.intro), parts: Object.fromEntries(Object.entries(m.body.parts).map(([k, v]) => [k, nodes(v)])) },
    })),
  };
  if (edition === 'internal') return model;

  model.practices = model.practices.filter((p) => !p.data.internal);
  const kept = new Set(model.practices.map((p) => p.id));
  model.recommendations = model.recommendations.filter((r) => !r.data.internal);
  for (const r of model.recommendations) if (r.data.builds_on) r.data.builds_on = r.data.builds_on.filter((id) => kept.has(id));
  for (const s of model.statistics) s.data.figures = s.data.figures.filter((f) => !f.internal);
  model.statistics = model.statistics.filter((s) => s.data.figures.length > 0);
  for (const m of model.missions) {
    if (m.data.coordinator.internal) m.data.coordinator = { name: 'The national coordinator', ...(m.data.coordinator.agency ? { agency: m.data.coordinator.agency } : {}) };
  }
  return model;
}

/** A body as the edition shows it: a rewritten copy when it has something internal, else the body itself. */
export function bodyForEdition(root: Root, edition: Edition): Root {
  if (root.data?.withoutInternal || !hasInternal(root)) return root;
  const copy = structuredClone(root);
  (edition === 'public' ? removeInternal : markInternal)(copy);
  return copy;
}

export function hasInternal(root: Root): boolean {
  return some(root, isInternal);
}

// Both rewrite `children` in place, of the copy bodyForEdition made.
function removeInternal(parent: Parent): void {
  const kept = parent.children.filter((child) => !isInternal(child));
  parent.children.splice(0, parent.children.length, ...kept);
  for (const child of parent.children) if ('children' in child) removeInternal(child as Parent);
}

function markInternal(parent: Parent): void {
  const out: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    if ('children' in child) markInternal(child as Parent);
    if (child.type === 'containerDirective' && child.name === 'internal') {
      out.push({ type: 'blockquote', children: [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: 'Internal.' }] }] }, ...(child.children as never[])] });
    } else if (child.type === 'textDirective' && child.name === 'internal') {
      out.push(...(child.children as RootContent[]));
    } else out.push(child);
  }
  parent.children.splice(0, parent.children.length, ...(out as never[]));
}

/** Whether a node is for the internal edition only: `:::internal` or `:internal[…]`. */
export function isInternal(node: { type: string; name?: string }): boolean {
  return (node.type === 'containerDirective' || node.type === 'textDirective') && node.name === 'internal';
}
