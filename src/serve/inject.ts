import { createHash } from 'node:crypto';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';

type Element = DefaultTreeAdapterTypes.Element;
type Location = NonNullable<DefaultTreeAdapterTypes.ChildNode['sourceCodeLocation']>;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** Where the events that reload open pages come from. */
export const eventsPath = '/__ecap/events';

/** Something that keeps the content from building, as the banner and the problems page list it. */
export interface Problem {
  /** `file:line:column`, when the problem has a place. */
  where?: string;
  rule?: string;
  message: string;
}

/** What the served copy of a page gets on top of render()'s output. */
export interface Injection {
  /** Identifies the build the page comes from: the client reloads when the server has another. */
  buildId: string;
  /** Problems that keep the newest content from showing; none when the page is current. */
  problems: readonly Problem[];
  /** The banner's heading, e.g. that this is the last good build. */
  heading?: string;
}

/**
 * The served copy of a page: the banner of problems and the reload client right after
 * `<body>`, the banner's style before `</head>`, and each Content-Security-Policy `meta` of the
 * head rewritten to allow exactly that script and that style, by their hashes. Pages on disk
 * and render()'s output never get any of it.
 */
export function injectClient(html: string, injection: Injection): string {
  return injectHead(html, true, injection)!;
}

/**
 * `injectClient` for a page's first characters, `head` (all of it when `whole`). Everything it
 * changes comes before the end of the body's start tag, so the rest of the page can be sent as
 * it is on disk: a 20 MB report took 3.7 s and 440 MB to parse whole. An HTML parser builds
 * its tree as it reads, so what ends before the cut is parsed as in the whole page. Undefined
 * when `head` stops before the body's content starts and is not the whole page: a longer one
 * is needed.
 */
export function injectHead(head: string, whole: boolean, injection: Injection): string | undefined {
  const document = parse(head, { sourceCodeLocationInfo: true });
  const body = elements(document, 'body')[0];
  // Where the body's content starts: after its start tag, or where its first child starts
  // when the tag is left out (implied by text or an element that belongs in the body). Not a
  // child that the cut may have made: at the end of its input a parser reads `<` as text.
  const first = body?.childNodes[0]?.sourceCodeLocation as (Location & { startTag?: Location }) | undefined;
  const firstChild = first && (first.startTag || first.endOffset < head.length) ? first.startOffset : undefined;
  const bodyStart = body?.sourceCodeLocation?.startTag?.endOffset ?? firstChild ?? (whole ? (body?.sourceCodeLocation?.endTag?.startOffset ?? head.length) : undefined);
  if (bodyStart === undefined) return undefined;
  const script = clientScript(injection.buildId);
  const style = injection.problems.length ? bannerStyle : undefined;
  const headElement = elements(document, 'head')[0];
  const edits: Array<{ offset: number; endOffset: number; text: string }> = [];
  // Browsers heed a policy `meta` only in the head.
  for (const meta of headElement ? elements(headElement, 'meta') : []) {
    const equiv = attribute(meta, 'http-equiv');
    const content = attribute(meta, 'content');
    const at = meta.sourceCodeLocation?.attrs?.content;
    if (equiv?.toLowerCase() !== 'content-security-policy' || content === undefined || !at) continue;
    edits.push({ offset: at.startOffset, endOffset: at.endOffset, text: `content="${allowClient(content, script, style).replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"` });
  }
  if (style !== undefined) {
    edits.push({ offset: headElement?.sourceCodeLocation?.endTag?.startOffset ?? bodyStart, endOffset: -1, text: `<style>${style}</style>\n` });
    edits.push({ offset: bodyStart, endOffset: -1, text: '\n' + banner(injection.heading ?? defaultHeading, injection.problems) });
  }
  // The client only listens for the next build: it needs nothing of the page below it.
  edits.push({ offset: bodyStart, endOffset: -1, text: `\n<script>${script}</script>` });
  // Apply from the end so that earlier offsets stay valid; insertions at one offset keep their order.
  let out = head;
  for (const edit of edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.offset - a.offset || b.i - a.i)) {
    out = out.slice(0, edit.offset) + edit.text + out.slice(edit.endOffset < 0 ? edit.offset : edit.endOffset);
  }
  return out;
}

/** A page of its own for when no build has succeeded yet: the problems and the reload client. */
export function problemsPage(problems: readonly Problem[], buildId: string): string {
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${hashSource(bannerStyle)}; base-uri 'none'; form-action 'none'">`,
    '<title>The content has errors · ecap</title>',
    `<style>${bannerStyle}</style>`,
    '</head>',
    '<body>',
    '<main class="ecap-problems-page">',
    '<h1>The content has errors</h1>',
    '<p>ecap cannot build the reports yet. They appear here as soon as these problems are fixed.</p>',
    banner(`${problems.length} problem${problems.length === 1 ? '' : 's'} to fix`, problems) + '\n</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return injectClient(html, { buildId, problems: [] });
}

const defaultHeading = 'Not up to date: ecap cannot build the newest content until these problems are fixed, so this page is from the last good build.';

function banner(heading: string, problems: readonly Problem[]): string {
  const items = problems.map((p) => {
    const where = p.where ? `<code>${escapeHtml(p.where)}</code> ` : '';
    const rule = p.rule ? ` <code>${escapeHtml(p.rule)}</code>` : '';
    return `<li>${where}${escapeHtml(p.message)}${rule}</li>`;
  });
  return `<aside class="ecap-problems" role="alert" aria-label="Problems in the content">\n<p><strong>${escapeHtml(heading)}</strong></p>\n<ul>\n${items.join('\n')}\n</ul>\n</aside>`;
}

const bannerStyle = [
  '.ecap-problems{position:sticky;top:0;z-index:1000;max-height:50vh;overflow:auto;margin:0;padding:.75rem 1rem;',
  'background:#fff4f4;color:#5c0000;border-bottom:3px solid #b00020;font:15px/1.4 system-ui,sans-serif}',
  '.ecap-problems ul{margin:.5rem 0 0;padding-left:1.25rem}.ecap-problems li{margin:.25rem 0}',
  '.ecap-problems code{font:13px/1.4 ui-monospace,monospace;background:#ffe3e3;padding:0 .2em}',
  '@media print{.ecap-problems{display:none}}',
  '.ecap-problems-page{max-width:60rem;margin:2rem auto;padding:0 1rem;font:16px/1.5 system-ui,sans-serif}',
  '.ecap-problems-page .ecap-problems{position:static;border:1px solid #b00020;border-left-width:6px}',
].join('');

/** Reloads the page when the server has another build, including one made while it was away. */
export function clientScript(buildId: string): string {
  const reload = `e=>{if(e.data!==${JSON.stringify(buildId)})location.reload()}`;
  return `{const s=new EventSource(${JSON.stringify(eventsPath)});s.addEventListener("build",${reload});s.addEventListener("reload",${reload})}`;
}

/** `'sha256-…'`, the CSP source that allows exactly this inline script or style. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Rewrites a policy so that the one inline script (and style) and the event stream are
 * allowed, and nothing more: `script-src` becomes that script's hash alone; the style's hash
 * and `connect-src 'self'` are added to what the policy already allows.
 */
export function allowClient(policy: string, script: string, style?: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/).filter(Boolean))
    .filter((d) => d.length > 0)
    .map(([name, ...sources]) => ({ name: name!.toLowerCase(), sources }));
  const find = (name: string) => directives.find((d) => d.name === name);
  const scriptSource = hashSource(script);
  for (const name of ['script-src', 'script-src-elem']) {
    const d = find(name);
    if (d) d.sources = [scriptSource];
  }
  if (!find('script-src')) directives.push({ name: 'script-src', sources: [scriptSource] });
  // The first of `names` the policy has governs; failing all, `default-src` does, and then
  // `create` takes its sources plus the new one.
  const add = (names: string[], create: string, source: string) => {
    const d = [...names, 'default-src'].map(find).find(Boolean);
    // No directive and no default-src: the policy does not restrict this kind at all.
    if (!d) return;
    const sources = d.sources.filter((s) => s !== "'none'");
    // A hash would switch off an 'unsafe-inline' the policy relies on.
    if (source.startsWith("'sha") && sources.includes("'unsafe-inline'") && !sources.some((s) => /^'(sha\d+|nonce)-/.test(s))) return;
    if (sources.includes(source)) return;
    if (d.name === 'default-src') directives.push({ name: create, sources: [...sources, source] });
    else d.sources = [...sources, source];
  };
  add(['connect-src'], 'connect-src', "'self'");
  if (style !== undefined) add(['style-src-elem', 'style-src'], 'style-src', hashSource(style));
  return directives.map((d) => [d.name, ...d.sources].join(' ')).join('; ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function elements(node: ParentNode, tagName: string, found: Element[] = []): Element[] {
  for (const child of node.childNodes) {
    if (!('tagName' in child)) continue;
    if (child.tagName === tagName) found.push(child);
    elements(child, tagName, found);
  }
  return found;
}
