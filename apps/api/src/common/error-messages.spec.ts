import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hasVietnameseMessage, languageOf, localizeBody, vietnameseValidatorMessage } from './error-messages';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'migrations' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('languageOf', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-US;q=0.8,en;q=0.9,vi;q=0.95', 'vi'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr, de', 'vi'],
    ['en;q=0', 'vi'],
    ['en;q=abc', 'vi'],
    ['*', 'vi'],
  ])('reads %p as %s', (header, lang) => {
    expect(languageOf(header)).toBe(lang);
  });
});

describe('error messages', () => {
  it('has a Vietnamese message for every error code written in the api and core sources', () => {
    const root = join(__dirname, '../../../..');
    const codes = new Set<string>();
    for (const file of [...sourceFiles(join(root, 'libs/core/src')), ...sourceFiles(join(root, 'apps/api/src'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['`]([A-Z][A-Z_]+\.[A-Z][A-Z_]+)['`]/g)) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(50);
    expect([...codes].filter((c) => !hasVietnameseMessage(c))).toEqual([]);
  });

  it('keeps English as written and puts the Vietnamese text and field in place of it', () => {
    const body = {
      statusCode: 400,
      code: 'REQUEST.INVALID_CHARACTER',
      message: 'name contains a NUL character',
      details: [{ field: 'name', message: 'name contains a NUL character' }],
    };
    expect(localizeBody(body, 'en')).toBe(body);
    expect(localizeBody(body, 'vi').message).toBe('Trường name chứa ký tự không hợp lệ (ký tự NUL hoặc Unicode hỏng)');
  });

  it('translates validator messages field by field', () => {
    expect(vietnameseValidatorMessage('quantityKg must not be less than 1')).toBe('quantityKg không được nhỏ hơn 1');
    expect(vietnameseValidatorMessage('location.lat must be a latitude string or number')).toBe(
      'location.lat phải là vĩ độ (-90..90)',
    );
    expect(vietnameseValidatorMessage('something only English knows')).toBe('something only English knows');
  });
});
