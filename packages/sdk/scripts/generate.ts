import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { artifactPaths, generateSdkArtifacts } from './sdk-artifacts';

// `pnpm sdk:generate`: rewrites openapi.json and src/schema.d.ts from the route declarations.
const started = performance.now();
const packageRoot = new URL('../', import.meta.url);
const artifacts = await generateSdkArtifacts();
await writeFile(fileURLToPath(new URL(artifactPaths.document, packageRoot)), artifacts.document);
await writeFile(fileURLToPath(new URL(artifactPaths.schema, packageRoot)), artifacts.schema);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `SDK generated in ${seconds}s: packages/sdk/${artifactPaths.document}, packages/sdk/${artifactPaths.schema}`,
);
