/** A small RFC 4180 reader and writer for the ERP's supplier lists: `;` or `,` separated, quoted fields. */

/** Rows of fields; the separator is whichever of `;` and `,` the header line uses most. */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, '');
  const header = input.slice(0, input.search(/\r?\n|$/));
  const sep = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
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
 * Writes `;`-separated CSV, as Dutch spreadsheets expect. A field starting with `=`, `+`, `-` or `@` gets a
 * leading apostrophe so that a spreadsheet shows it as text instead of running it as a formula.
 */
export function toCsv(rows: string[][]): string {
  const cell = (field: string) => {
    const safe = /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
    return /[";,\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
