import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { PES_SOFTWARE_VERSION } from '../../src/pes/pes-constants.js';

test('the default software version in Enveloppe/Emetteur is the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(PES_SOFTWARE_VERSION).toBe(pkg.version);
});
