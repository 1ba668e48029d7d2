/**
 * The hash chain of our append-only CSV files (src/io/chain.ts, issue 10). The journal's chain is
 * checked on the file's bytes when they are all ASCII (no string built per line): that check must
 * find exactly what the check on the text finds, on every shape of line.
 */
import { describe, expect, it } from 'vitest';
import { chainGenesis, chainLines, checkChain } from '../../src/io/chain.js';

const HEADER = 'a,b,chaine';
const chained = (bodies: string[]): string => `${HEADER}\n` + chainLines(chainGenesis(HEADER), bodies).text;
const BODIES = ['1,un', '2,deux', '3,trois', '4,quatre'];

/** The check on the text, and the check on the bytes, of the same complete lines. */
function bothChecks(text: string) {
  const lines = text.slice(0, -1).split('\n');
  const onText = checkChain(lines, 'f.csv', 'JOURNAL_CHAIN_BROKEN', 'journal');
  const onBytes = checkChain(lines, 'f.csv', 'JOURNAL_CHAIN_BROKEN', 'journal', Buffer.from(text, 'latin1'));
  return { onText, onBytes };
}

describe('checkChain on the bytes of an ASCII file', () => {
  const valid = chained(BODIES);
  const cases: Array<[string, string, number | undefined]> = [
    ['an unbroken chain', valid, undefined],
    ['an edited body', valid.replace('2,deux', '2,DEUX'), 3],
    ['an edited chain cell', valid.replace(/,([0-9a-f]{64})\n3,/, ',' + '0'.repeat(64) + '\n3,'), 3],
    ['two lines swapped', (([h, a, b, ...rest]) => [h, b, a, ...rest].join('\n'))(valid.split('\n')), 2],
    ['a line deleted', valid.split('\n').filter((_, i) => i !== 2).join('\n'), 3],
    ['a line without a comma', valid.replace(/\n3,trois,[0-9a-f]{64}/, '\nsans virgule'), 4],
    ['CRLF line ends after the header', valid.replace(/\n(?=.)/g, '\r\n').replace('\r\n', '\n').replace(/\n$/, '\r\n'), undefined],
    ['CRLF after the header too (its hash differs)', valid.replace(/\n/g, '\r\n'), 2],
    ['CRLF on one line only', valid.replace(/(2,deux,[0-9a-f]{64})\n/, '$1\r\n'), undefined],
    ['an edit after a CRLF line', valid.replace(/(2,deux,[0-9a-f]{64})\n/, '$1\r\n').replace('3,trois', '3,TROIS'), 4],
  ];
  it.each(cases)('finds what the check on the text finds: %s', (_, text, brokenAt) => {
    const { onText, onBytes } = bothChecks(text);
    expect(onBytes).toEqual(onText);
    expect(onBytes.problem?.line).toBe(brokenAt);
    expect(onBytes.heads).toHaveLength(text.slice(0, -1).split('\n').length - 1);
  });

  it('gives each line its chain cell and the head of the last line', () => {
    const { heads, head } = chainLines(chainGenesis(HEADER), BODIES);
    const { onBytes } = bothChecks(valid);
    expect(onBytes.heads).toEqual(heads);
    expect(onBytes.head).toBe(head);
  });
});
