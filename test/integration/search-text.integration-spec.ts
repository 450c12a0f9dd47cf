import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES, foldVietnamese } from '@agrilink/core';
import { buildDataSourceOptions } from '@agrilink/database';
import { createTestDatabase, TestDatabase } from '@agrilink/testing';

// The lists fold the query in TypeScript and the database folds the rows: the two must agree.
const SAMPLES = [
  'Hợp tác xã Nông nghiệp Giồng Riềng',
  'HTX ĐỒNG THÁP MƯỜI',
  'Hồ tiêu Phú Quốc',
  'Nguyễn Thị Ánh Tuyết',
  'Ấp Vĩnh Hoà, xã Vĩnh Hoà Hưng Bắc',
  'Thương lái Ứng Hoà   Ỷ Lan',
  'ỳ ý ỷ ỹ ỵ Ỳ Ý Ỷ Ỹ Ỵ ư ứ ừ ử ữ ự ơ ớ ờ ở ỡ ợ',
  'ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ ê ế ề ể ễ ệ ô ố ồ ổ ỗ ộ đ Đ',
  'Hồ tiêu Phú Quốc'.normalize('NFD'),
  '  0123456789-001  ',
];

describe('search_text kept by the database', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('agrilink_search_text');
    ds = new DataSource(buildDataSourceOptions({ url: db.url, entities: ENTITIES, poolSize: 2 }));
    await ds.initialize();
    await ds.runMigrations();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it.each(SAMPLES)('fold_vietnamese(%j) is foldVietnamese of the same text', async (text) => {
    const [row] = await ds.query('SELECT fold_vietnamese($1) AS folded', [text]);
    expect(row.folded).toBe(foldVietnamese(text));
  });

  it('computes a cooperative’s search text on insert and again on update, whoever writes', async () => {
    const [{ id }] = await ds.query(
      `INSERT INTO cooperatives (kind, name, address, contact_name, tax_code) VALUES ('cooperative', 'HTX Tân Hiệp', 'Ấp Đông Phước', 'Lê Văn Tám', '1701234567') RETURNING id`,
    );
    const read = async () =>
      (await ds.query('SELECT search_text FROM cooperatives WHERE id = $1', [id]))[0].search_text;
    expect(await read()).toBe('htx tan hiep ap dong phuoc le van tam 1701234567');
    await ds.query(`UPDATE cooperatives SET address = NULL, contact_name = 'Trần Thị Mỹ' WHERE id = $1`, [id]);
    expect(await read()).toBe('htx tan hiep tran thi my 1701234567');
  });

  it('refuses a search text written by hand', async () => {
    await expect(
      ds.query(
        `INSERT INTO zones (code, name, boundary, search_text) VALUES ('Z1', 'Vùng', ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326), 'x')`,
      ),
    ).rejects.toThrow(/non-DEFAULT value into column "search_text"/);
  });
});
