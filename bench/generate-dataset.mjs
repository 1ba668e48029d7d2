// Synthetic national-scale dataset for the benchmark: N communes, each on laclasse and toodego
// (2 × N titres), populations in INSEE's whole-France format (`;`, CRLF) so that the reader's
// fast path (line filter) is measured too. Usage:
//   node bench/generate-dataset.mjs [--communes N] [--dir DIR]
// As a module: generateDataset({ communes, dir }) → { dir, communes, titres }.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = join(ROOT, 'samples', 'metropole-de-lyon');

/** Rows of the population file: INSEE's file lists every commune of France (~35 000). */
const FRANCE_COMMUNES = 35_000;

/** Deterministic PRNG (mulberry32) so two runs write the same dataset. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Luhn check digit that makes `body` + digit valid. */
export function luhnKey(body) {
  let sum = 0;
  // Digits are doubled from the rightmost digit of the body (it becomes 2nd from the right).
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Départements 01–95 without 20 (Corsica is 2A/2B, left out), and never the Lyon codes of R3. */
const DEPARTEMENTS = Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20');
const RESERVED = new Set(['69123', '69381', '69382', '69383', '69384', '69385', '69386', '69387', '69388', '69389']);

/** The i-th synthetic code INSEE: spread over the départements, 3-digit commune numbers. */
function codesFor(count) {
  const perDep = Math.ceil(count / DEPARTEMENTS.length) + 1;
  if (perDep > 998) throw new Error(`trop de communes : ${count} (max ${DEPARTEMENTS.length * 998})`);
  const codes = [];
  for (let n = 1; codes.length < count && n <= 999; n++) {
    for (const dep of DEPARTEMENTS) {
      const code = dep + String(n).padStart(3, '0');
      if (!RESERVED.has(code)) codes.push(code);
      if (codes.length === count) break;
    }
  }
  return codes.sort();
}

const PREFIXES = ['Saint-', 'Sainte-', 'Le ', 'La ', 'Les ', '', '', '', 'Villers-', 'Mont-', 'Bourg-', 'Château-'];
const ROOTS = ['Étienne', 'Aubin', 'Léger', 'Martin', 'Genès', 'Rémy', 'Cergues', 'Bérénice', 'Quentin', 'Oyonnax',
  'Ferréol', 'Chaumont', 'Bellevue', 'Marçay', 'Noël', 'Vaulx', 'Écully', 'Brûlon', 'Gênes', 'Fontaine', 'Anse',
  'Pérouges', 'Hauteville', 'Villefranche', 'Thoissey', 'Montluel', 'Trévoux', 'Ambérieu', 'Lagnieu', 'Miribel'];
const SUFFIXES = ['', '', '', '-sur-Saône', '-en-Bresse', '-lès-Bains', '-d\'Azergues', '-le-Château', '-de-Vienne', '-sur-Mer'];

function csvCell(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function generateDataset({ communes = FRANCE_COMMUNES, dir } = {}) {
  const out = dir ?? mkdtempSync(join(tmpdir(), 'titres-bench-data-'));
  mkdirSync(join(out, 'populations'), { recursive: true });
  mkdirSync(join(out, 'indices'), { recursive: true });
  copyFileSync(join(SAMPLES, 'config.json'), join(out, 'config.json'));
  copyFileSync(join(SAMPLES, 'indices', 'syntec.csv'), join(out, 'indices', 'syntec.csv'));

  const rand = prng(20260615);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const codes = codesFor(Math.max(communes, FRANCE_COMMUNES));
  // The dataset's communes: `communes` of the codes, spread evenly over France.
  const step = codes.length / communes;
  const chosen = new Set(Array.from({ length: communes }, (_, i) => codes[Math.floor(i * step)]));

  const communeLines = ['code_insee,nom,siren,adresse,code_postal,ville'];
  const popLines = ['REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT'];
  const adhesionLines = ['code_insee,service,date_signature,date_debut,montant_anterieur,date_fin,motif_fin,date_preavis,options'];
  let sirenSeq = 0;
  for (const code of codes) {
    const nom = `${pick(PREFIXES)}${pick(ROOTS)}${pick(SUFFIXES)}`.trim() + ` ${code.slice(2)}`;
    // Populations: mostly villages, a few towns (log-uniform 50 … 200 000).
    const pmun = Math.round(50 * Math.pow(4000, rand() ** 2));
    const pcap = Math.round(pmun * 0.02 * rand());
    const dep = code.slice(0, 2);
    popLines.push(
      ['84', 'Auvergne-Rhône-Alpes', dep, '1', `${dep}01`, code.slice(2), code, nom, pmun, pcap, pmun + pcap].join(';'),
    );
    if (!chosen.has(code)) continue;
    // SIREN of a commune: 21 + département + commune number (like 216900035), unique, Luhn key.
    const body = ('21' + code + String(sirenSeq++ % 10)).slice(0, 8);
    const siren = body + luhnKey(body);
    const cp = dep + String(Math.floor(rand() * 1000)).padStart(3, '0');
    communeLines.push([code, nom, siren, 'Hôtel de ville, 1 place de la Mairie', cp, nom].map(csvCell).join(','));
    const n = communeLines.length;
    // Some communes already subscribed before the convention (transitional regime, R5).
    const anterieurL = n % 3 === 0 ? (300 + pmun * 0.05).toFixed(2) : '';
    const anterieurT = n % 4 === 0 ? (500 + pmun * 0.015).toFixed(2) : '';
    const options = n % 5 === 0 ? `connecteurs=${1 + (n % 3)}` : '';
    adhesionLines.push(`${code},laclasse,2025-12-15,,${anterieurL},,,,`);
    adhesionLines.push(`${code},toodego,2025-12-15,,${anterieurT},,,,${options}`);
  }
  // SIREN uniqueness: 21 + 5-char code + 1 digit is unique per code (the code is unique).
  writeFileSync(join(out, 'communes.csv'), communeLines.join('\n') + '\n');
  writeFileSync(join(out, 'populations', '2026.csv'), popLines.join('\r\n') + '\r\n');
  writeFileSync(join(out, 'adhesions.csv'), adhesionLines.join('\n') + '\n');
  return { dir: out, communes, titres: 2 * communes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const result = generateDataset({ communes: Number(opt('--communes') ?? FRANCE_COMMUNES), dir: opt('--dir') });
  console.log(JSON.stringify(result));
}
