import type { z } from 'zod';

/** One problem of a request, as HTTP answers list them and screens show them beside the field. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Every problem of a zod failure, each naming its field ("body" for the request as a whole). */
export const fieldProblems = (error: z.ZodError, whole = 'body'): FieldProblem[] =>
  error.issues.map((i) => ({ field: i.path.map(String).join('.') || whole, message: i.message }));

/**
 * "command.seconds: Too big: expected number to be <=300": the first problem of a zod failure, naming its
 * field, as socket commands and HTTP queries answer it in one line.
 */
export function problemOf(error: z.ZodError): string {
  const first = fieldProblems(error, 'request')[0];
  return first ? `${first.field}: ${first.message}` : 'request: invalid';
}
