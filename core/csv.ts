/** A small RFC 4180 reader and writer for the ERP's supplier lists: `;`, `,` or tab separated, quoted fields. */

/**
 * The text of an uploaded CSV file: UTF-16 after its byte order mark (Excel's "Unicode Text"), UTF-8 when the
 * bytes are UTF-8 (a byte order mark dropped), otherwise Windows-1252, the code page in which Excel's plain "CSV"
 * format saves on a Dutch Windows. Read as UTF-8, such a file would turn every `Bögemann` into `B�gemann` without
 * a word.
 */
export function decodeCsv(bytes: ArrayBuffer | Uint8Array): string {
  const head = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_80_9F[char.charCodeAt(0) - 0x80]);
  }
}

/**
 * What Windows-1252 has at 0x80-0x9F (`€`, curly quotes, `Š`), where Latin-1 has control characters: Node's
 * TextDecoder reads these bytes as Latin-1 even when asked for Windows-1252.
 */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const SEPARATORS = [';', ',', '\t'];
const countOf = (text: string, char: string) => text.split(char).length - 1;

/**
 * Rows of fields; the separator is the one a first line `sep=;` names (written by exports meant for Excel), or else
 * whichever of `;`, `,` and tab the header line uses most.
 */
export function parseCsv(text: string): string[][] {
  let input = text.replace(/^\uFEFF/, '');
  const named = /^sep=(.)\r?\n/i.exec(input);
  if (named) input = input.slice(named[0].length);
  const header = input.slice(0, input.search(/\r?\n|$/));
  const sep =
    named?.[1] ?? SEPARATORS.reduce((best, char) => (countOf(header, char) > countOf(header, best) ? char : best));
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) (row.push(field), (field = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      (row.push(field), rows.push(row), (row = []), (field = ''));
    } else field += ch;
  }
  if (field !== '' || row.length) (row.push(field), rows.push(row));
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/**
 * Writes `;`-separated CSV, as Dutch spreadsheets expect, after a byte order mark: without one, Excel reads the
 * file in the system's code page and shows `Bögemann` as `BÃ¶gemann`. A field starting with `=`, `+`, `-` or `@`
 * gets a leading apostrophe so that a spreadsheet shows it as text instead of running it as a formula.
 */
export function toCsv(rows: string[][]): string {
  const cell = (field: string) => {
    const safe = /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
    return /[";,\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
