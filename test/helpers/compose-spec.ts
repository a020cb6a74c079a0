import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import { parse } from 'yaml';
import type { Compose } from './stack-checks.js';

// The Compose Specification's own JSON schema (test/fixtures/compose-spec, Apache-2.0): what
// `docker compose config` would say about the file, without a Docker engine.
const spec = JSON.parse(
  readFileSync(new URL('../fixtures/compose-spec/compose-spec.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false });
// The spec names draft-07 by its https address; it is the same meta-schema ajv ships.
ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
const validate = ajv.compile(spec);

/** Compose's `${VAR:-default}` as Compose reads it with VAR unset (`$$` is left alone). */
export function interpolateDefaults(text: string): string {
  return text.replace(/(?<!\$)\$\{(\w+)(?::?-([^}]*))?\}/g, (_m, _name, fallback = '') => fallback);
}

/** Parses a compose file and validates it against the Compose Specification; readable errors. */
export function parseCompose(text: string, file: string): Compose {
  const doc = parse(interpolateDefaults(text));
  if (!validate(doc)) {
    const problems = (validate.errors ?? []).map((e) => {
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      return `  ${e.instancePath || '/'}: ${e.message}${extra ? `: ${extra}` : ''}`;
    });
    throw new Error(`${file} does not follow the Compose Specification:\n${problems.join('\n')}`);
  }
  return doc as Compose;
}
