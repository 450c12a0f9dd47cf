import { DataSource } from 'typeorm';
import { makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';

/**
 * `lots` lots and `requests` requests of one product, set-based from one factory row each (the
 * factories make valid rows; generate_series varies quantity, price and place).
 */
export async function seedProduct(ds: DataSource, code: string, lots: number, requests: number): Promise<void> {
  const coop = await makeCooperative(ds, { products: [code] });
  const buyer = await makeBuyer(ds, { productsWanted: [code] });
  const lot = await makeSupplyLot(ds, { cooperativeId: coop.id, productCode: code, certifications: [] });
  const request = await makePurchaseRequest(ds, { buyerId: buyer.id, productCode: code });
  await cloneRows(ds, 'supply_lots', lot.id, lots - 1, {
    quantity_kg: `1000 + (g * 7919) % 40000`,
    ask_vnd_per_kg: `5000 + (g * 104729) % 2500`,
    location: `ST_SetSRID(ST_MakePoint(105.0 + ((g * 37) % 100) / 100.0, 9.5 + ((g * 53) % 100) / 100.0), 4326)::geography`,
  });
  await cloneRows(ds, 'purchase_requests', request.id, requests - 1, {
    quantity_kg: `2000 + (g * 6271) % 50000`,
    bid_vnd_per_kg: `8000 + (g * 1299709) % 3000`,
    location: `ST_SetSRID(ST_MakePoint(106.0 + ((g * 41) % 100) / 100.0, 10.3 + ((g * 59) % 100) / 100.0), 4326)::geography`,
  });
}

export async function cloneRows(
  ds: DataSource,
  table: string,
  id: string,
  n: number,
  vary: Record<string, string>,
): Promise<void> {
  const cols: Array<{ column_name: string }> = await ds.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name <> 'id' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  const names = cols.map((c) => c.column_name);
  await ds.query(
    `INSERT INTO ${table} (${names.map((c) => `"${c}"`).join(', ')})
     SELECT ${names.map((c) => vary[c] ?? `t."${c}"`).join(', ')} FROM ${table} t, generate_series(1, $2::int) g WHERE t.id = $1`,
    [id, n],
  );
}
