/**
 * The repository stands alone (issue 9 item 6): its documents never send a reader to the reference folder beside the clone,
 * which a clone does not have, and every relative link opens a file of the repository.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/run-cli.js';

const DOCUMENTS = ['README.md', 'docs/contrat-de-donnees.md', 'docs/regles-tarifaires.md', 'samples/metropole-de-lyon/README.md'];

describe('documents of the repository', () => {
  it.each(DOCUMENTS)('%s cites nothing outside the repository', async (file) => {
    const text = await readFile(path.join(REPO, file), 'utf8');
    expect(text).not.toMatch(/(\.\.|\/work)\/shared|data-contract\.md|tariff-rules\.md/);
  });

  it.each(DOCUMENTS)('%s: every relative link opens a file', async (file) => {
    const text = await readFile(path.join(REPO, file), 'utf8');
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    for (const link of links) {
      await expect(access(path.join(REPO, path.dirname(file), link)), `${file} → ${link}`).resolves.toBeUndefined();
    }
  });
});
