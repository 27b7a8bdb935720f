/** `text` as the bytes of Excel's plain "CSV" on a Dutch Windows (Windows-1252): Latin-1 letters only. */
export function windows1252(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code > 0xff) throw new Error(`"${char}" is not a Latin-1 letter`);
    return code;
  });
}
