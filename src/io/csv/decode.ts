import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bytes of an input file to text: UTF-8 when the bytes are valid UTF-8 (BOM stripped), otherwise
 * Windows-1252, what Excel saves in France (data contract). Line endings are kept.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}
