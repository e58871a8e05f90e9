/** SIE 5 (XML) recognised, so that both readers can name it rather than call it unknown XML. */

/**
 * Whether XML text is a SIE 5 document: its root element (within the first 4 KB, after the XML
 * declaration and comments) is `Sie` or `SieEntry`, or it declares the SIE 5 namespace.
 */
export function isSie5(text: string): boolean {
  const head = text.slice(0, 4096);
  if (/xmlns(:\w+)?\s*=\s*["']https?:\/\/www\.sie\.se\/sie5["']/i.test(head)) return true;
  const root = /^(?:\s*<\?[^>]*\?>|\s*<!--[\s\S]*?-->)*\s*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]/.exec(head);
  return root !== null && /^(Sie|SieEntry)$/.test(root[2] as string);
}
