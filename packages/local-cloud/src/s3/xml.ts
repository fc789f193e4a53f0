const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export const escapeXml = (value: string) => value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);

export const xmlDocument = (root: string, inner: string, namespace?: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${namespace ? ` xmlns="${namespace}"` : ''}>${inner}</${root}>`;
