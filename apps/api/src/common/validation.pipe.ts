import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Flattens nested errors to one entry per field path, e.g. `location.lat`. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const e of errors) {
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    if (e.value === null && e.constraints && Object.keys(e.constraints).length) {
      // Null where a value is required (a PATCH's `{"quantityKg": null}`): one reason, not every rule the null breaks.
      out.push({ field, message: `${field} is required and cannot be null` });
      continue;
    }
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({
        field,
        message: message.startsWith(e.property) ? message.replace(e.property, field) : `${field}: ${message}`,
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // Values stay inside the pipe (null is told apart); the answer names fields and rules only.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new BadRequestException({
        code: 'VALIDATION.FAILED',
        message: details.map((d) => d.message).join('; ') || 'invalid request',
        details,
      });
    },
  });
}
