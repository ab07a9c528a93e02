// Packs the demo's fixtures into the package (dist/fixtures): `npx @chaperone/cli scan --demo`
// then needs nothing outside the tarball. The repository keeps the originals in fixtures/.
import { cpSync, mkdirSync } from 'node:fs';

const from = new URL('../../../fixtures/', import.meta.url);
const to = new URL('../dist/fixtures/', import.meta.url);
mkdirSync(to, { recursive: true });
for (const name of ['sample-clinic.yaml', 'sample-clinic.chaperone.yaml']) cpSync(new URL(name, from), new URL(name, to));
