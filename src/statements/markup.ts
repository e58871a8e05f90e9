/**
 * A small, linear-time reader for the two markup statement formats: XML (ISO 20022 camt.053) and
 * HTML tables (Handelsbanken's pre-2024 `kontotransactionlist.xls`). It keeps the physical line
 * of every element so errors and transactions point into the file. No dependency: both formats
 * use a tiny subset of their languages.
 */
import { StatementParseError, where } from '../core/errors.js';
import { DEFAULT_INPUT_LIMITS } from '../core/limits.js';

/** An element with its local name (namespace prefix dropped), attributes, children and text. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded, not trimmed). */
  text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  // What HTML exports write in amounts and texts: a minus sign, dashes, thin spaces, Nordic letters.
  minus: '\u2212',
  ndash: '\u2013',
  mdash: '\u2014',
  thinsp: '\u2009',
  nnbsp: '\u202f',
  aring: 'å',
  Aring: 'Å',
  auml: 'ä',
  Auml: 'Ä',
  ouml: 'ö',
  Ouml: 'Ö',
  eacute: 'é',
  Eacute: 'É',
  uuml: 'ü',
  Uuml: 'Ü',
  euro: '€',
};

/** Decodes `&amp;`, `&#229;`, `&#xE5;` and the HTML `&nbsp;`; unknown entities stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function localName(tag: string): string {
  const colon = tag.indexOf(':');
  return colon < 0 ? tag : tag.slice(colon + 1);
}

/**
 * Parses well-formed XML into elements. Tolerates a BOM, the XML declaration, comments,
 * processing instructions, CDATA and DOCTYPE; throws on mismatched or unclosed tags, and
 * (`INPUT_TOO_LARGE`) on nesting deeper than `maxDepth`.
 */
export function parseXml(text: string, file?: string, maxDepth: number = DEFAULT_INPUT_LIMITS.maxXmlDepth): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '', line: 1 };
  const stack: XmlElement[] = [root];
  let line = 1;
  let i = 0;
  const n = text.length;
  const advanceLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) line++;
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const top = stack[stack.length - 1] as XmlElement;
      if (stack.length > 1) top.text += decodeEntities(text.slice(i, end));
      advanceLines(i, end);
    }
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      const stop = close < 0 ? n : close + 3;
      advanceLines(lt, stop);
      i = stop;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0) throw new StatementParseError('INVALID_ROW', 'Invalid XML: expected "]]>" to close a CDATA section, found the end of the file', { file, line });
      const top = stack[stack.length - 1] as XmlElement;
      top.text += text.slice(lt + 9, close);
      advanceLines(lt, close + 3);
      i = close + 3;
      continue;
    }
    const gt = text.indexOf('>', lt + 1);
    if (gt < 0) throw new StatementParseError('INVALID_ROW', 'Invalid XML: expected ">" to close a tag, found the end of the file', { file, line });
    const raw = text.slice(lt + 1, gt);
    const tagLine = line;
    advanceLines(lt, gt + 1);
    i = gt + 1;
    if (raw.startsWith('?') || raw.startsWith('!')) continue;
    if (raw.startsWith('/')) {
      const name = localName(raw.slice(1).trim());
      const top = stack.pop();
      if (!top || top.name !== name || stack.length === 0) {
        throw new StatementParseError('INVALID_ROW', `Invalid XML: expected </${top?.name ?? '?'}>, found </${name}>`, { file, line: tagLine });
      }
      continue;
    }
    const selfClosing = raw.endsWith('/');
    const body = selfClosing ? raw.slice(0, -1) : raw;
    const space = body.search(/\s/);
    const name = localName(space < 0 ? body : body.slice(0, space));
    const attrs: Record<string, string> = {};
    if (space >= 0) {
      for (const m of body.slice(space).matchAll(/(?<![\w:.-])([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        attrs[localName(m[1] as string)] = decodeEntities(m[3] ?? m[4] ?? '');
      }
    }
    const el: XmlElement = { name, attrs, children: [], text: '', line: tagLine };
    (stack[stack.length - 1] as XmlElement).children.push(el);
    if (!selfClosing) {
      // The depth is bounded here: every later walk over the tree may recurse.
      if (stack.length > maxDepth) {
        throw new StatementParseError('INPUT_TOO_LARGE', `XML nested too deep: expected at most ${maxDepth} levels (limits.maxXmlDepth), found <${name}> deeper`, { file, line: tagLine });
      }
      stack.push(el);
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1] as XmlElement;
    throw new StatementParseError('INVALID_ROW', `Invalid XML: <${open.name}> opened on line ${open.line} is never closed`, { file, line: open.line });
  }
  return root;
}

/** First child element with this local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Follows a path of child names; `text` of the element found, trimmed, or ''. */
export function textAt(el: XmlElement | undefined, ...path: string[]): string {
  let cur = el;
  for (const p of path) cur = child(cur, p);
  return cur?.text.trim() ?? '';
}

/** All descendants (depth first) with this local name. */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

/** One HTML table row: cell texts (tags stripped, entities decoded, whitespace collapsed, trimmed). */
export interface HtmlRow {
  readonly cells: string[];
  /** 1-based physical line of the row's start. */
  readonly line: number;
  /**
   * 1-based place of the row among the page's table rows, empty ones included: the row number a
   * spreadsheet shows when it opens the page (an HTML `.xls` opened in Excel has a sheet row per `<tr>`).
   */
  readonly ordinal: number;
}

const TABLE_TAG_HEAD = /^<(\/?)(tr|td|th|table)\b/i;

/**
 * The next `<tr …>`, `</td>`, … at or after `from`, as a match of `<(\/?)(tr|td|th|table)\b[^>]*>`
 * would give it. Scanned by hand: that expression retries the run up to the next `>` from every
 * `<`, quadratic on a page of `<td<td<td…` without `>`.
 */
function nextTableTag(text: string, from: number): { index: number; 0: string; 1: string; 2: string } | undefined {
  let gt = -1;
  for (let i = text.indexOf('<', from); i >= 0; i = text.indexOf('<', i + 1)) {
    const head = TABLE_TAG_HEAD.exec(text.slice(i, i + 8));
    if (head === null) continue;
    if (gt < i) gt = text.indexOf('>', i);
    if (gt < 0) return undefined;
    return { index: i, 0: text.slice(i, gt + 1), 1: head[1] as string, 2: head[2] as string };
  }
  return undefined;
}

/** Each `<…>` replaced by a blank, a `<` with no `>` after it kept (as `/<[^>]*>/g` does, in linear time). */
function stripTags(s: string): string {
  if (!s.includes('<')) return s;
  let out = '';
  let at = 0;
  for (let i = s.indexOf('<'); i >= 0; i = s.indexOf('<', at)) {
    const gt = s.indexOf('>', i);
    if (gt < 0) break;
    out += `${s.slice(at, i)} `;
    at = gt + 1;
  }
  return out + s.slice(at);
}

/**
 * The rows of every `<table>` in an HTML page, in order. Forgiving like a browser: missing
 * `</td>`/`</tr>` are implied by the next cell/row.
 */
export function htmlTableRows(text: string): HtmlRow[] {
  const rows: HtmlRow[] = [];
  let line = 1;
  let last = 0;
  let row: string[] | undefined;
  let rowLine = 0;
  let opened = 0;
  let cellStart = -1;
  const closeCell = (at: number): void => {
    if (row && cellStart >= 0) {
      const inner = stripTags(text.slice(cellStart, at));
      row.push(decodeEntities(inner).replace(/[\s\u00a0]+/g, ' ').trim());
    }
    cellStart = -1;
  };
  const closeRow = (at: number): void => {
    closeCell(at);
    if (row && row.length > 0) rows.push({ cells: row, line: rowLine, ordinal: opened });
    row = undefined;
  };
  for (let m = nextTableTag(text, 0); m !== undefined; m = nextTableTag(text, m.index + m[0].length)) {
    for (let k = last; k < m.index; k++) if (text.charCodeAt(k) === 10) line++;
    last = m.index;
    const closing = m[1] === '/';
    const tag = (m[2] as string).toLowerCase();
    if (tag === 'tr' || tag === 'table') {
      closeRow(m.index);
      if (tag === 'tr' && !closing) {
        row = [];
        rowLine = line;
        opened++;
      }
    } else if (closing) {
      closeCell(m.index);
    } else {
      closeCell(m.index);
      if (!row) {
        row = [];
        rowLine = line;
        opened++;
      }
      cellStart = m.index + m[0].length;
    }
  }
  closeRow(text.length);
  return rows;
}

/**
 * {@link parseXml} for one entry of a ZIP container (an XLSX or ODS part): an error names the
 * file the user gave, and the entry and its line in the message, since a line of the entry is
 * no line of that file. Broken markup there is a damaged workbook (`UNSUPPORTED_CONTAINER`);
 * nesting past the limit stays `INPUT_TOO_LARGE`.
 */
export function parseEntryXml(text: string, entry: string, container: string, file: string | undefined, maxDepth: number): XmlElement {
  try {
    return parseXml(text, entry, maxDepth);
  } catch (e) {
    if (!(e instanceof StatementParseError)) throw e;
    const own = where({ file: e.file, line: e.line });
    const what = e.message.endsWith(own) ? e.message.slice(0, e.message.length - own.length) : e.message;
    const at = e.line === undefined ? entry : `${entry}, line ${e.line}`;
    throw new StatementParseError(e.code === 'INVALID_ROW' ? 'UNSUPPORTED_CONTAINER' : e.code, `Unreadable ${container}: ${what} (in ${at})`, { file, cause: e });
  }
}
