// Writes the api's OpenAPI document (the one /api/docs-json serves) without a database, Redis or a port.
// Usage: node -r @swc-node/register scripts/openapi.ts [out.json]   (stdout when no path is given)
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { previewOpenApiDocument } from '../apps/api/src/openapi-preview';

async function main() {
  const json = JSON.stringify(await previewOpenApiDocument(), null, 2) + '\n';
  const out = process.argv[2];
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, json);
  } else process.stdout.write(json);
}

main().catch((e: unknown) => {
  console.error(`openapi: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
