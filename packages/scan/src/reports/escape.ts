// Escaping for every markup the writers emit. HTML/XML text goes through `escape-html`;
// what no library does for these contexts is ours (code points XML forbids, terminal
// controls, Markdown table cells, spreadsheet formulas). The tests parse the outputs (XML
// parser, headless browser, CSV parser) to prove each.
import escapeHtml from 'escape-html';

// XML 1.0 forbids these code points even as character references; a single one makes a
// JUnit file unparseable for CI, so they become U+FFFD.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute value for XML and HTML (same five characters in both). */
export function escapeMarkup(value: string): string {
  // escape-html replaces the same five characters (& < > " ') in XML and HTML alike.
  return escapeHtml(value.replace(XML_INVALID, '\uFFFD'));
}

// Terminal escape sequences in an account's friendly name or in evidence could rewrite
// the screen or the window title: no C0/C1 control character reaches the TTY.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

/** One line of plain text safe to print on a terminal: control characters become spaces. */
export function terminalSafe(value: string): string {
  return value.replace(TERMINAL_CONTROLS, ' ');
}

// Control characters (other than tab and line breaks, handled per format) have no place
// in a text report and would act on a terminal that shows the file.
// eslint-disable-next-line no-control-regex
const TEXT_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Text for a cell of a GitHub-flavoured Markdown table: no line breaks (they end the row),
 * pipes escaped (they end the cell), and every character Markdown or inline HTML would
 * interpret escaped so evidence renders as the literal text it is.
 */
export function markdownCell(value: string): string {
  return value
    .replace(TEXT_CONTROLS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

// Spreadsheet apps evaluate cells that start with these as formulas (CSV injection);
// a leading apostrophe makes them text. Tab and CR are in OWASP's list as well.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell's text: control characters out, formula starts neutralised (quoting is csv-stringify's). */
export function csvCellText(value: string): string {
  const clean = value.replace(TEXT_CONTROLS, '\uFFFD');
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}
