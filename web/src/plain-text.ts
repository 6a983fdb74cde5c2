/** ATT&CK descriptions are Markdown with citation markers; an analyst wants the sentences. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\(Citation:[^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<\/?code>/g, '')
    .replace(/[ \t]+([.,;])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
