import type { Blockquote, RootContent } from 'mdast';
import type { Model } from '../model/model.js';
import { paragraph, strong } from './nodes.js';

/**
 * The activity's notice (e.g. "illustrative content") and any other `extra` warnings, as one
 * block quote at the top of a page.
 */
export function notice(model: Model, extra: RootContent[] = []): RootContent[] {
  const children = [...(model.activity.notice ? [paragraph(strong('Note.'), ' ', model.activity.notice)] : []), ...extra];
  return children.length > 0 ? [{ type: 'blockquote', children: children as Blockquote['children'] }] : [];
}
