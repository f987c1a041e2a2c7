import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const importPattern = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

/** Every module a file reaches through its imports: relative files, and the bare specifiers it names. */
const reachable = (entry: string) => {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(importPattern)) {
      if (!specifier) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), `${specifier}.ts`));
      else bare.add(specifier);
    }
  };
  visit(resolve(root, entry));
  return { files: [...files].map((file) => file.slice(root.length)), bare: [...bare] };
};

/**
 * The console bundles the packages' `/contracts` entries: what they reach
 * must run in a browser. Only zod may be imported from outside the package;
 * a server module (argon2, drizzle, node:*) showing up here fails the test
 * before it fails the bundle.
 */
describe('browser-safe contract entries', () => {
  for (const entry of [
    'packages/identity/src/public-contracts.ts',
    'packages/module-registry/src/public-contracts.ts',
  ]) {
    it(`${entry} reaches only zod and pure files of its package`, () => {
      const { files, bare } = reachable(entry);
      expect(bare).toEqual(['zod']);
      expect(files.filter((file) => /passwords|repository|service|schema\b|deps/.test(file))).toEqual([]);
    });
  }
});

/**
 * The built console itself: every source the bundle's map names is the
 * console's, the SDK's, a pure contract file, or a browser library.
 */
describe('console bundle', () => {
  it('holds no server module of the packages it validates with', async () => {
    const { build } = await import('vite');
    const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const outDir = mkdtempSync(`${tmpdir()}/console-bundle-`);
    try {
      await build({
        root: resolve(root, 'apps/console'),
        configFile: resolve(root, 'apps/console/vite.config.ts'),
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true, sourcemap: true },
      });
      const maps = readdirSync(`${outDir}/assets`).filter((file) => file.endsWith('.js.map'));
      const sources: string[] = maps.flatMap(
        (file) => JSON.parse(readFileSync(`${outDir}/assets/${file}`, 'utf8')).sources,
      );
      const packages = sources
        .map((source) => source.match(/packages\/[^/]+\/src\/.+$/)?.[0])
        .filter((source): source is string => source !== undefined);
      expect(packages.filter((source) => !source.startsWith('packages/sdk/'))).toEqual(
        expect.arrayContaining(['packages/identity/src/contracts.ts']),
      );
      expect(
        packages.filter((source) => /repository|service|passwords\.ts|schema\/|deps\.ts/.test(source)),
      ).toEqual([]);
      const libraries = new Set(
        sources.flatMap((source) => {
          // pnpm nests packages (node_modules/.pnpm/x@1/node_modules/x): the last segment names it.
          const name = source
            .split('node_modules/')
            .slice(1)
            .at(-1)
            ?.match(/^(?:@[^/]+\/)?[^/]+/)?.[0];
          return name ? [name] : [];
        }),
      );
      expect([...libraries].sort()).toEqual(['openapi-fetch', 'react', 'react-dom', 'scheduler', 'zod']);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});
