import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.js';
import { simulationCsv } from '../../src/simulate/write-csv.js';
import { chartFileName, simulationChart } from '../../src/simulate/write-chart.js';
import { simulationJson } from '../../src/cli/format/simulation-json.js';
import { simulationTable } from '../../src/cli/format/simulation-table.js';
import { growth, NO_GROWTH, transitionalDataset } from './fixtures.js';

const sim = simulate(transitionalDataset(), NO_GROWTH, { from: 2026, to: 2032 });

describe('simulationCsv', () => {
  const lines = simulationCsv(sim).split('\n');

  it('has the fixed header', () => {
    expect(lines[0]).toBe(
      'code_insee,commune,service,exercice,contribution_cible,plafond,montant,regime,converge,population_projetee,indice_projete,motif_sans_titre',
    );
  });

  it('writes one line per adhesion and exercice, amounts with a decimal point', () => {
    expect(lines).toContain('69081,Écully,laclasse,2026,1425.55,1210.00,1210.00,transitoire,non,non,oui,');
    expect(lines).toContain('69081,Écully,laclasse,2032,,,,,,oui,oui,expiree');
    expect(lines.filter((l) => l.startsWith('69081,'))).toHaveLength(7);
  });
});

describe('simulationTable', () => {
  const text = simulationTable(sim);

  it('states the assumptions, the convergence year and one line per exercice', () => {
    expect(text).toContain('hypothèses : indice +0 %/an, population +0 %/an');
    expect(text).toContain('Écully (69081) – laclasse.com : contribution-cible atteinte en 2030');
    expect(text).toMatch(/^2027 +1\u202f425,55 +1\u202f270,50 +1\u202f270,50 +transitoire +non +population, indice$/m);
    expect(text).toContain('sans titre (convention expirée le');
    expect(text).toContain('Populations projetées : 2027 (depuis 2026)');
  });

  it('is deterministic', () => {
    expect(simulationTable(simulate(transitionalDataset(), NO_GROWTH, { from: 2026, to: 2032 }))).toBe(text);
  });
});

describe('simulationChart', () => {
  const svg = simulationChart(simulate(transitionalDataset(), growth('0.02', '0'), { from: 2026, to: 2032 }), 'laclasse');

  it('draws small multiples: one panel per commune with its amount and its dashed target, no palette', () => {
    for (const name of ['Écully (69081)', 'Cailloux-sur-Fontaines (69033)']) expect(svg).toContain(`>${name}</text>`);
    expect(svg.match(/<polyline [^>]*stroke="#b03a2e"[^>]*stroke-dasharray/g)).toHaveLength(2); // the cible, dashed, in every panel
    const strokes = new Set([...svg.matchAll(/stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    expect(strokes.size).toBeLessThanOrEqual(5); // the same few colours whatever the number of communes
    expect(svg).toContain('chaque case a sa propre échelle');
  });

  it('has the French title with the assumptions, the years, a legend and direct labels', () => {
    expect(svg).toContain('Convergence des contributions – laclasse.com (hypothèses : indice +2 %/an, population +0 %/an)');
    for (const year of ['2026', '2032']) expect(svg).toContain(`>${year}</text>`);
    expect(svg).toContain('contribution-cible</text>');
    expect(svg).toMatch(/ €<\/text>/);
  });

  it('is named after the service', () => {
    expect(chartFileName('laclasse')).toBe('convergence-laclasse.svg');
  });
});

describe('simulationJson', () => {
  it('gives amounts as strings and the projected flags', () => {
    const json = JSON.parse(simulationJson(sim));
    expect(json.schema).toBe(1);
    const ecully = json.adhesions.find((a: { code_insee: string }) => a.code_insee === '69081');
    expect(ecully.annee_convergence).toBe(2030);
    expect(ecully.exercices[0]).toEqual({
      exercice: 2026,
      contribution_cible: '1425.55',
      plafond: '1210.00',
      montant: '1210.00',
      regime: 'transitoire',
      converge: false,
      projete: { population: false, indice: true },
    });
    expect(ecully.exercices[6].sans_titre.motif).toBe('expiree');
  });
});
