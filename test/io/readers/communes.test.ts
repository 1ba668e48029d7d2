import { describe, expect, it } from 'vitest';
import { parseCommunes } from '../../../src/io/readers/communes.js';

const SRC = { path: 'data/communes.csv', rel: 'communes.csv' };
const HEADER = 'code_insee,nom,siren,adresse,code_postal,ville,siret';
const at = (ps: { code: string; file?: string; line?: number; column?: number }[]) => ps.map((p) => [p.code, p.file, p.line, p.column]);

describe('parseCommunes', () => {
  it('reads a commune with its source line', () => {
    const { communes, problems } = parseCommunes(`${HEADER}\n69081,Écully,216900811,Hôtel de ville,69130,Écully,21690081100011\n`, SRC);
    expect(problems).toEqual([]);
    expect(communes.get('69081')).toEqual({
      codeInsee: '69081',
      nom: 'Écully',
      siren: '216900811',
      siret: '21690081100011',
      adresse: 'Hôtel de ville',
      codePostal: '69130',
      ville: 'Écully',
      line: 2,
    });
  });

  it('reads a town that is not the commune’s name as its own, and a commune without SIRET', () => {
    const text = `${HEADER}\n69286,Rillieux-la-Pape,216902866,Place de Verdun,69140,Rillieux-la-Pape Cedex,\n69081,Écully,216900811,Hôtel de ville,69130,Écully,\n`;
    const { communes, problems } = parseCommunes(text, SRC);
    expect(problems).toEqual([]);
    expect([...communes.values()].map((c) => [c.nom, c.ville, c.siren, 'siret' in c])).toEqual([
      ['Rillieux-la-Pape', 'Rillieux-la-Pape Cedex', '216902866', false],
      ['Écully', 'Écully', '216900811', false],
    ]);
  });

  it('reports each bad value with its position', () => {
    const text = [
      HEADER,
      '6908,Écully,216900812,Hôtel de ville,6913,Écully,21690081100012',
      '69123,Lyon,216901231,Hôtel de ville,69001,Lyon,21690081100011',
      '69123,Lyon bis,216901231,,69001,Lyon,',
    ].join('\n');
    const { problems } = parseCommunes(text, SRC);
    expect(at(problems)).toEqual([
      ['INVALID_CODE_INSEE', 'data/communes.csv', 2, 1],
      ['INVALID_SIREN', 'data/communes.csv', 2, 3],
      ['INVALID_SIRET', 'data/communes.csv', 2, 7],
      ['INVALID_POSTAL_CODE', 'data/communes.csv', 2, 5],
      ['SIRET_SIREN_MISMATCH', 'data/communes.csv', 3, 7],
      ['MISSING_VALUE', 'data/communes.csv', 4, 4],
      ['DUPLICATE_COMMUNE', 'data/communes.csv', 4, 1],
    ]);
    expect(problems[1].message).toContain('« 216900812 »');
    expect(problems[6].message).toContain('ligne 3');
  });
});
