/** HTML built by a tagged template that escapes every interpolated value unless it is already Html. */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => entities[char] ?? char);

const renderPart = (part: HtmlPart): string => {
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(renderPart).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeHtml(String(part));
};

/** `html\`<p>${name}</p>\``: the markup is the template's, every value is escaped text. */
export const html = (strings: TemplateStringsArray, ...values: HtmlPart[]): Html =>
  new Html(
    strings.reduce(
      (out, chunk, index) => out + chunk + (index < values.length ? renderPart(values[index]) : ''),
      '',
    ),
  );
