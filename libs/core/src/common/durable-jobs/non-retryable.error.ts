/**
 * A failure that no retry will mend (a malformed matching instance, a file that is not a
 * spreadsheet): the job is failed at once instead of spending its remaining attempts.
 * Services translate their dependencies' errors into this, so the queue layer never has to
 * know an engine's or a parser's error types.
 */
export class NonRetryableError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'NonRetryableError';
  }
}
