/**
 * Folds Vietnamese text for diacritics-insensitive search: "Hồ tiêu Phú Quốc"
 * and "ho tieu phu quoc" fold to the same key. đ/Đ is a letter of its own, not
 * a combining mark, so it is mapped by hand.
 */
export function foldVietnamese(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so a user's "%" or "_" matches itself. */
export function likePattern(query: string): string {
  return `%${foldVietnamese(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
