import { z } from 'zod';

// Go's encoding/json semantics for command structs: a missing field or JSON null leaves the zero
// value, unknown fields are ignored (zod objects strip them), a value of the wrong type is an error.
export const goString = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
export const goBool = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);
export const goInt = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? 0);
export const goStringMap = z
  .record(z.string(), z.string())
  .nullish()
  .transform((v) => v ?? {});
/** simplejson.Json holding an object; null/missing is kept as null so callers can default it. */
export const goJsonObject = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((v) => v ?? null);
