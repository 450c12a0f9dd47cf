import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Hand-built .xlsx files for the upload-limit tests: a real workbook whose sheet is
 * `rows` repetitions of one row, so a few hundred KB inflate to hundreds of MB.
 * The zip is written here byte by byte, so its directory can tell the truth or lie.
 */
export interface XlsxBombOptions {
  headers: string[];
  /** One data row's cells (inline strings). */
  row: string[];
  /** Repetitions of the data row. */
  rows: number;
  /**
   * 'honest': sizes as they are. 'forged': the central directory and local header
   * declare the sheet inflates to `forgedSize` bytes (the data-descriptor flag set,
   * local sizes zero, the descriptor lying too).
   */
  sizes?: 'honest' | 'forged';
  forgedSize?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inlineRow = (cells: string[]) =>
  `<row>${cells.map((c) => `<c t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`;

const PARTS = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/** Deflates `rows` copies of a row without ever building the inflated sheet: 1 MB slices, one deflate stream. */
async function deflateSheet(
  headers: string[],
  row: string[],
  rows: number,
): Promise<{ data: Buffer; crc: number; size: number }> {
  const head = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${inlineRow(headers)}`,
  );
  const tail = Buffer.from('</sheetData></worksheet>');
  const one = inlineRow(row);
  const perSlice = Math.max(1, Math.floor((1024 * 1024) / one.length));
  const slice = Buffer.from(one.repeat(perSlice));
  // The same slice object again and again: hundreds of MB described by 1 MB.
  const parts: Buffer[] = [head];
  let left = rows;
  while (left >= perSlice) {
    parts.push(slice);
    left -= perSlice;
  }
  if (left) parts.push(Buffer.from(one.repeat(left)));
  parts.push(tail);
  let crc = 0;
  let size = 0;
  for (const p of parts) {
    crc = crc32(p, crc);
    size += p.length;
  }
  // One deflate stream fed slice by slice: the inflated sheet never sits in memory.
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  for (const p of parts) {
    if (!deflate.write(p)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(chunks), crc: crc >>> 0, size };
}

interface ZipPart {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
  declaredSize: number;
  descriptor: boolean;
}

function zip(parts: ZipPart[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const flags = p.descriptor ? 0x0808 : 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(p.descriptor ? 0 : p.crc, 14);
    local.writeUInt32LE(p.descriptor ? 0 : p.data.length, 18);
    local.writeUInt32LE(p.descriptor ? 0 : p.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    out.push(local, name, p.data);
    let length = local.length + name.length + p.data.length;
    if (p.descriptor) {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(p.crc, 4);
      dd.writeUInt32LE(p.data.length, 8);
      dd.writeUInt32LE(p.declaredSize, 12);
      out.push(dd);
      length += dd.length;
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt16LE(0, 12);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(p.crc, 16);
    c.writeUInt32LE(p.data.length, 20);
    c.writeUInt32LE(p.declaredSize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cd, end]);
}

export async function xlsxBomb(o: XlsxBombOptions): Promise<{ file: Buffer; inflatedBytes: number }> {
  const sheet = await deflateSheet(o.headers, o.row, o.rows);
  if (sheet.size > 0xffffffff) throw new Error('a bomb over 4 GB needs zip64');
  const forged = o.sizes === 'forged';
  const parts: ZipPart[] = Object.entries(PARTS).map(([name, xml]) => {
    const raw = Buffer.from(xml);
    return {
      name,
      data: deflateRawSync(raw),
      crc: crc32(raw) >>> 0,
      size: raw.length,
      declaredSize: raw.length,
      descriptor: false,
    };
  });
  parts.push({
    name: 'xl/worksheets/sheet1.xml',
    ...sheet,
    declaredSize: forged ? (o.forgedSize ?? 512 * 1024) : sheet.size,
    descriptor: forged,
  });
  return { file: zip(parts), inflatedBytes: parts.reduce((n, p) => n + p.size, 0) };
}
