import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { artifactPaths, generateSdkArtifacts } from '../scripts/sdk-artifacts';

/** A committed file's text; a missing one reads as empty, so it fails with the same message. */
const committed = (path: string) =>
  readFile(fileURLToPath(new URL(`../${path}`, import.meta.url)), 'utf8').catch(() => '');
const stale = (path: string) =>
  `packages/sdk/${path} differs from what the route declarations generate: run \`pnpm sdk:generate\` and commit the result.`;

describe('the committed SDK', () => {
  // Building the document boots the app on embedded Postgres: seconds, not milliseconds.
  it('matches the OpenAPI document and types generated from the routes, byte for byte', {
    timeout: 180_000,
  }, async () => {
    const generated = await generateSdkArtifacts();
    // Compared as booleans so a failure leads with the fix, not a 20,000-line diff.
    expect(
      generated.document === (await committed(artifactPaths.document)),
      stale(artifactPaths.document),
    ).toBe(true);
    expect(generated.schema === (await committed(artifactPaths.schema)), stale(artifactPaths.schema)).toBe(
      true,
    );
  });
});
