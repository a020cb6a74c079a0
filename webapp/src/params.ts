import { z } from 'zod';

/**
 * Query-parameter schemas. Each parameter has one message that says what is allowed; it is the
 * answer to every way of getting it wrong (text, negative, NaN, Infinity, empty, repeated, too big).
 */

const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const wholeNumber = /^[+-]?\d+$/;

/** An optional single numeric query parameter within [0, max]; absent → fallback. */
export function numberParam(name: string, opts: { max: number; integer: boolean; fallback: number }) {
  const message = `${name} must be ${opts.integer ? 'an integer' : 'a number'} from 0 to ${opts.max}`;
  // A repeated parameter arrives as an array and fails z.string(), so it gets the same message.
  return z
    .string({ error: message })
    .regex(opts.integer ? wholeNumber : decimal, { error: message })
    .transform(Number)
    .pipe(z.number({ error: message }).min(0, { error: message }).max(opts.max, { error: message }))
    .optional()
    .transform((v) => v ?? opts.fallback);
}

/** The business operations the app knows, in the original's order. */
export const businessOperationNames = [
  'user_login',
  'product_view',
  'cart_add',
  'checkout',
  'payment',
] as const;
export type BusinessOperation = (typeof businessOperationNames)[number];

/** The time each operation "takes" (seconds), as in the original. */
export const businessOperationSeconds: Record<BusinessOperation, number> = {
  user_login: 0.1,
  product_view: 0.05,
  cart_add: 0.2,
  checkout: 0.5,
  payment: 1.0,
};

/** Only the five known operations: each becomes a label value, so the set must stay bounded. */
export const operationParam = z
  .enum(businessOperationNames, { error: `operation must be one of ${businessOperationNames.join(', ')}` })
  .optional();

/** The first problem with a query, as one sentence for the 400 body. */
export function describeQueryError(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid query parameters';
}
