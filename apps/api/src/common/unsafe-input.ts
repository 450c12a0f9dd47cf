import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Text PostgreSQL cannot store (NUL) or that is not Unicode (a lone UTF-16 surrogate,
 * which JSON can carry as "\ud800") and nesting deep enough to exhaust the stack of the
 * validators: refused before any controller, validator or query sees them, so no route
 * can turn them into a 500. One check for every route, the web app's and the fuzzer's.
 */
export const MAX_INPUT_DEPTH = 32;

export type UnsafeReason = 'nul' | 'lone_surrogate' | 'too_deep';
export type InputLocation = 'query' | 'body' | 'path';

export interface UnsafeInput {
  field: string;
  in: InputLocation;
  reason: UnsafeReason;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(s: string): UnsafeReason | null {
  if (s.includes('\0')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate';
  return null;
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** Depth-first without recursion, so a 100 000-deep body costs a loop, not the stack. */
export function findUnsafeInput(value: unknown, location: InputLocation, root = ''): UnsafeInput | null {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: root, depth: 0 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { v, path, depth } = top;
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) return { field: path || location, in: location, reason };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Buffer.isBuffer(v) || ArrayBuffer.isView(v)) continue; // uploaded file contents: checked by the import, not here
    if (depth >= MAX_INPUT_DEPTH) return { field: path || location, in: location, reason: 'too_deep' };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: childPath(path, i), depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(v)) {
      const reason = textProblem(key);
      if (reason) return { field: childPath(path, key.replaceAll('\0', '\\0')), in: location, reason };
      stack.push({ v: (v as Record<string, unknown>)[key], path: childPath(path, key), depth: depth + 1 });
    }
  }
  return null;
}

const MESSAGES: Record<UnsafeReason, (field: string) => string> = {
  nul: (f) => `${f} contains a NUL character (\\u0000), which text cannot hold`,
  lone_surrogate: (f) => `${f} is not valid Unicode text (a lone UTF-16 surrogate)`,
  too_deep: (f) => `${f} is nested more than ${MAX_INPUT_DEPTH} levels deep`,
};

export const UNSAFE_INPUT_CODES: Record<UnsafeReason, string> = {
  nul: 'REQUEST.INVALID_CHARACTER',
  lone_surrogate: 'REQUEST.INVALID_CHARACTER',
  too_deep: 'REQUEST.TOO_DEEP',
};

export function unsafeInputError(problem: UnsafeInput): BadRequestException {
  // A 5 000-deep path would be a 20 kB message: the first levels name it well enough.
  if (problem.field.length > 120) problem = { ...problem, field: `${problem.field.slice(0, 120)}…` };
  const message = MESSAGES[problem.reason](problem.field);
  return new BadRequestException({
    code: UNSAFE_INPUT_CODES[problem.reason],
    message,
    details: [{ field: problem.field, in: problem.in, reason: problem.reason, message }],
  });
}

/** The decoded path, or null when its percent-encoding is not UTF-8. */
function decodedPath(req: Request): string | null {
  try {
    return decodeURIComponent(req.path);
  } catch {
    return null;
  }
}

/**
 * Express middleware placed right after the body parsers: query, JSON/form body and path.
 * Errors go to `next`, so the one api filter answers in the caller's language.
 */
export function rejectUnsafeInput(req: Request, _res: Response, next: NextFunction): void {
  const path = decodedPath(req);
  if (path === null) {
    next(
      new BadRequestException({
        code: 'REQUEST.INVALID_PATH',
        message: 'the path is not valid percent-encoded UTF-8',
        details: [{ field: 'path', in: 'path' }],
      }),
    );
    return;
  }
  const pathProblem = textProblem(path);
  const problem =
    (pathProblem ? { field: 'path', in: 'path' as const, reason: pathProblem } : null) ??
    findUnsafeInput(req.query, 'query') ??
    findUnsafeInput(req.body, 'body');
  next(problem ? unsafeInputError(problem) : undefined);
}

/** The same check on what Nest hands the handlers: route params and multipart form fields (parsed after the middleware). */
@Injectable()
export class UnsafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const location: InputLocation = metadata.type === 'param' ? 'path' : metadata.type;
    const problem = findUnsafeInput(value, location, metadata.data ?? '');
    if (problem) throw unsafeInputError(problem);
    return value;
  }
}
