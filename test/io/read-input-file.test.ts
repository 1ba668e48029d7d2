import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/read-input-file.js';

describe('decodeText', () => {
  it('reads UTF-8 and strips the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('code;nom\n69081;Écully\n', 'utf8')]);
    expect(decodeText(bytes)).toEqual({ text: 'code;nom\n69081;Écully\n', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (Excel in France)', () => {
    const bytes = iconv.encode('nom;montant\r\nÉcully;1\u00a0234,56 €\r\n', 'win1252');
    expect(decodeText(bytes)).toEqual({ text: 'nom;montant\r\nÉcully;1\u00a0234,56 €\r\n', encoding: 'windows-1252' });
  });
});
