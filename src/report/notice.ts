import type { RootContent } from 'mdast';
import type { Model } from '../model/model.js';
import { paragraph, strong } from './nodes.js';

/** The activity's notice (e.g. "illustrative content") as a block quote at the top of every page. */
export function notice(model: Model): RootContent[] {
  return model.activity.notice ? [{ type: 'blockquote', children: [paragraph(strong('Note.'), ' ', model.activity.notice)] }] : [];
}
