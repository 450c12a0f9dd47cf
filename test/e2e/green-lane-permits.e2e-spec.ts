import { INestApplicationContext } from '@nestjs/common';
import { createPublicKey, verify } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { addDays, GreenLanePermitsService, todayInVietnam } from '@agrilink/core';
import {
  ensureProduct,
  makeBuyer,
  makeCooperative,
  makePurchaseRequest,
  makeSupplyLot,
  makeTransportOperator,
  makeVehicle,
} from '@agrilink/testing';
import { startInProcessWorker, waitForRun } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'E2E_GREEN_LANE';
const pt = (lat: number, lng: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });
const square = (lng: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ],
  ],
});

describe('green-lane permits: signed QR, online check, and luồng xanh in matching (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let operatorId: string;
  let otherOperatorId: string;
  const tok: Record<'staff' | 'transport' | 'otherTransport' | 'coop' | 'buyer', string> = {} as any;
  const today = todayInVietnam();

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    operatorId = (await makeTransportOperator(t.dataSource, { name: 'Vận tải Luồng Xanh Rạch Giá' })).id;
    otherOperatorId = (await makeTransportOperator(t.dataSource)).id;
    tok.staff = await t.tokenFor('staff');
    tok.transport = await t.tokenFor('transport', operatorId);
    tok.otherTransport = await t.tokenFor('transport', otherOperatorId);
    tok.coop = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
    tok.buyer = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const as = (who: keyof typeof tok) => ({
    get: (url: string) => t.http().get(url).auth(tok[who], { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(tok[who], { type: 'bearer' }).send(body),
  });
  const issue = async (vehicleId: string, o: object = {}) =>
    (
      await as('staff')
        .post('/api/green-lane-permits', {
          vehicleId,
          validFrom: today,
          validTo: addDays(today, 6),
          note: 'Chở lúa ra chợ đầu mối',
          ...o,
        })
        .expect(201)
    ).body;
  const publicKey = async () => {
    const res = await t.http().get('/api/green-lane-permits/public-key').expect(200);
    expect(res.body.alg).toBe('Ed25519');
    return createPublicKey(res.body.publicKeyPem);
  };

  it('issues a permit whose QR payload names code, plate and validity, signed so the public key alone checks it', async () => {
    const vehicle = await makeVehicle(t.dataSource, operatorId, { plate: '68C-123.45' });
    const permit = await issue(vehicle.id, { provinceCodes: ['91', '79', '91'] });
    expect(permit).toMatchObject({
      code: expect.stringMatching(/^LX-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      status: 'active',
      valid: true,
      plate: '68C-123.45',
      provinceCodes: ['79', '91'],
    });
    expect(permit.qr.payload).toBe(`LX1|${permit.code}|68C-123.45|${today}|${addDays(today, 6)}`);
    expect(permit.qr.text).toBe(`${permit.qr.payload}|${permit.qr.signature}`);

    const key = await publicKey();
    const signature = Buffer.from(permit.qr.signature, 'base64url');
    expect(verify(null, Buffer.from(permit.qr.payload, 'utf8'), key, signature)).toBe(true);
    // A forged plate or a stretched validity does not verify.
    expect(
      verify(null, Buffer.from(permit.qr.payload.replace('68C-123.45', '68C-999.99'), 'utf8'), key, signature),
    ).toBe(false);
    expect(
      verify(
        null,
        Buffer.from(permit.qr.payload.replace(addDays(today, 6), addDays(today, 60)), 'utf8'),
        key,
        signature,
      ),
    ).toBe(false);
  });

  it('answers the online check for anyone, with nothing private, by the code however it is typed', async () => {
    const vehicle = await makeVehicle(t.dataSource, operatorId);
    const permit = await issue(vehicle.id);
    const res = await t
      .http()
      .get(`/api/green-lane-permits/verify/${encodeURIComponent(permit.code.toLowerCase().replace(/-/g, ' '))}`)
      .expect(200);
    expect(res.body).toEqual({
      valid: true,
      status: 'active',
      code: permit.code,
      plate: vehicle.plate,
      operatorName: 'Vận tải Luồng Xanh Rạch Giá',
      validFrom: today,
      validTo: addDays(today, 6),
      provinceCodes: [],
      checkedOn: today,
    });
    expect((await t.http().get('/api/green-lane-permits/verify/LX-0000-0000').expect(404)).body.code).toBe(
      'GREEN_LANE_PERMIT.NOT_FOUND',
    );
    expect((await t.http().get('/api/green-lane-permits/verify/abc').expect(422)).body.code).toBe(
      'GREEN_LANE_PERMIT.INVALID_CODE',
    );
    // The full permit (note, QR) is not for anonymous callers.
    await t.http().get(`/api/green-lane-permits/${permit.id}`).expect(401);
  });

  it('says not valid once revoked, expired, not yet begun, or when the vehicle is retired; the QR signature alone cannot know', async () => {
    const key = await publicKey();
    const vehicle = await makeVehicle(t.dataSource, operatorId);
    const revoked = await issue(vehicle.id);
    const res = await as('staff')
      .post(`/api/green-lane-permits/${revoked.id}/revoke`, { reason: 'Chở hàng ngoài danh mục' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'revoked', valid: false, revokedReason: 'Chở hàng ngoài danh mục' });
    expect((await t.http().get(`/api/green-lane-permits/verify/${revoked.code}`).expect(200)).body).toMatchObject({
      valid: false,
      status: 'revoked',
    });
    expect(verify(null, Buffer.from(revoked.qr.payload), key, Buffer.from(revoked.qr.signature, 'base64url'))).toBe(
      true,
    );

    const expired = await issue(vehicle.id);
    await t.dataSource.query(`UPDATE green_lane_permits SET valid_from = $2, valid_to = $3 WHERE id = $1`, [
      expired.id,
      addDays(today, -10),
      addDays(today, -1),
    ]);
    expect((await t.http().get(`/api/green-lane-permits/verify/${expired.code}`).expect(200)).body).toMatchObject({
      valid: false,
      status: 'expired',
    });

    const later = await issue(vehicle.id, { validFrom: addDays(today, 3), validTo: addDays(today, 9) });
    expect((await t.http().get(`/api/green-lane-permits/verify/${later.code}`).expect(200)).body).toMatchObject({
      valid: false,
      status: 'pending',
    });

    const onRetired = await issue(vehicle.id);
    await as('transport').post(`/api/vehicles/${vehicle.id}/retire`).expect(200);
    expect((await t.http().get(`/api/green-lane-permits/verify/${onRetired.code}`).expect(200)).body).toMatchObject({
      valid: false,
      status: 'revoked',
    });
    expect(
      (
        await as('staff')
          .post('/api/green-lane-permits', { vehicleId: vehicle.id, validFrom: today, validTo: today })
          .expect(409)
      ).body.code,
    ).toBe('VEHICLE.RETIRED');
  });

  it('refuses bad windows and unknown vehicles with the field named, and lets only staff issue or revoke', async () => {
    const vehicle = await makeVehicle(t.dataSource, operatorId);
    const post = (body: object, who: keyof typeof tok = 'staff') =>
      as(who).post('/api/green-lane-permits', {
        vehicleId: vehicle.id,
        validFrom: today,
        validTo: addDays(today, 1),
        ...body,
      });
    expect((await post({ validTo: addDays(today, -1), validFrom: addDays(today, -3) }).expect(422)).body.code).toBe(
      'GREEN_LANE_PERMIT.ALREADY_OVER',
    );
    expect((await post({ validTo: addDays(today, 200) }).expect(422)).body.code).toBe('GREEN_LANE_PERMIT.TOO_LONG');
    expect(JSON.stringify((await post({ validTo: addDays(today, -1) }).expect(400)).body.details)).toContain('validTo');
    expect((await post({ vehicleId: '6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33' }).expect(422)).body.code).toBe(
      'GREEN_LANE_PERMIT.VEHICLE_UNKNOWN',
    );
    await post({ provinceCodes: ['KG'] }).expect(400);
    for (const who of ['transport', 'coop', 'buyer'] as const) await post({}, who).expect(403);
    const permit = await issue(vehicle.id);
    await as('transport').post(`/api/green-lane-permits/${permit.id}/revoke`).expect(403);
  });

  it('shows an operator its own permits only, and prints them: SVG with plate and dates, PNG that decodes to the signed text, an A4 PDF with an embedded font', async () => {
    const vehicle = await makeVehicle(t.dataSource, operatorId, { plate: '65C-246.80' });
    const permit = await issue(vehicle.id);
    const mine = (await as('transport').get(`/api/green-lane-permits?vehicleId=${vehicle.id}`).expect(200)).body;
    expect(mine.items.map((p: any) => p.id)).toEqual([permit.id]);
    await as('otherTransport').get(`/api/green-lane-permits/${permit.id}`).expect(404);
    expect(
      (await as('otherTransport').get(`/api/green-lane-permits?vehicleId=${vehicle.id}`).expect(200)).body.items,
    ).toEqual([]);
    await as('buyer').get('/api/green-lane-permits').expect(403);

    const svg = await as('transport')
      .get(`/api/green-lane-permits/${permit.id}/qr.svg`)
      .buffer(true)
      .parse((res, cb) => {
        let s = '';
        res.on('data', (c: Buffer) => (s += c.toString('utf8')));
        res.on('end', () => cb(null, s));
      })
      .expect(200);
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(svg.body).toContain('65C-246.80');
    expect(svg.body).toContain(permit.code);
    expect(svg.body).toContain('LUỒNG XANH');

    const binary = (res: any, cb: any) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const png = await as('transport')
      .get(`/api/green-lane-permits/${permit.id}/qr.png`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    const image = PNG.sync.read(png.body as Buffer);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(permit.qr.text);

    const pdf = await as('staff')
      .get(`/api/green-lane-permits/${permit.id}/permit.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (pdf.body as Buffer).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
  });

  it('tells other features which permits are active for a vehicle, an operator or a cooperative on a day', async () => {
    const sut = t.app.get(GreenLanePermitsService);
    const coopId = (await makeCooperative(t.dataSource)).id;
    const vehicle = await makeVehicle(t.dataSource, otherOperatorId);
    const permit = await issue(vehicle.id, {
      validFrom: addDays(today, 1),
      validTo: addDays(today, 3),
      provinceCodes: ['91'],
    });
    expect((await sut.activePermitsFor({ vehicleId: vehicle.id }, today)).map((p) => p.id)).toEqual([]);
    expect((await sut.activePermitsFor({ vehicleId: vehicle.id }, addDays(today, 2))).map((p) => p.id)).toEqual([
      permit.id,
    ]);
    expect((await sut.activePermitsFor({ operatorId: otherOperatorId }, addDays(today, 3))).map((p) => p.id)).toEqual([
      permit.id,
    ]);
    expect(await sut.isVehiclePermitted(vehicle.id, addDays(today, 2), { provinceCode: '91' })).toBe(true);
    expect(await sut.isVehiclePermitted(vehicle.id, addDays(today, 2), { provinceCode: '79' })).toBe(false);
    expect(await sut.activePermitsFor({ cooperativeId: coopId }, addDays(today, 2))).toEqual([]);
    await as('otherTransport').post(`/api/vehicles/${vehicle.id}/assignments`, { cooperativeId: coopId }).expect(201);
    expect((await sut.activePermitsFor({ cooperativeId: coopId }, addDays(today, 2))).map((p) => p.plate)).toEqual([
      vehicle.plate,
    ]);
  });

  it('in scenario 2 lets a lot cross a lockdown zone only when its seller has a vehicle with a permit over its dispatch days', async () => {
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 60 });
    const coopId = (await makeCooperative(t.dataSource)).id;
    const coopToken = await t.tokenFor('cooperative', coopId);
    const buyerId = (await makeBuyer(t.dataSource)).id;
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: PRODUCT,
      quantityKg: 6_000,
      askVndPerKg: 6500,
      location: pt(9.45, 104.85),
      provinceCode: '91',
      harvestFrom: today,
      harvestTo: addDays(today, 5),
      availableUntil: addDays(today, 10),
    });
    const request = await makePurchaseRequest(t.dataSource, {
      buyerId,
      productCode: PRODUCT,
      quantityKg: 6_000,
      bidVndPerKg: 9000,
      location: pt(10.03, 105.77),
      deliverFrom: today,
      deliverTo: addDays(today, 20),
    });
    await as('staff')
      .post('/api/zones', {
        code: 'PT-LX',
        name: 'Phong tỏa luồng xanh',
        polygon: square(104.8, 9.4, 0.1),
        restricted: true,
      })
      .expect(201);
    const proposedForLot = async () => {
      const res = await as('staff')
        .post('/api/matching-runs', { scenario: 2, products: [PRODUCT] })
        .expect(202);
      expect((await waitForRun(t, tok.staff, res.body.id)).status).toBe('completed');
      const items: any[] = (await as('staff').get(`/api/matching-runs/${res.body.id}/proposals?limit=100`).expect(200))
        .body.items;
      return items.some((p) => p.supplyLotId === lot.id && p.purchaseRequestId === request.id);
    };

    // No vehicle, and the seller's own word counts for nothing.
    expect(await proposedForLot()).toBe(false);
    await t
      .http()
      .patch(`/api/supply-lots/${lot.id}`)
      .auth(coopToken, { type: 'bearer' })
      .send({ greenLane: true })
      .expect(403);

    // A vehicle at its disposal, but its permit is over before the lot can leave: still no.
    const vehicle = await makeVehicle(t.dataSource, operatorId);
    await as('transport').post(`/api/vehicles/${vehicle.id}/assignments`, { cooperativeId: coopId }).expect(201);
    const stale = await issue(vehicle.id);
    await t.dataSource.query(`UPDATE green_lane_permits SET valid_from = $2, valid_to = $3 WHERE id = $1`, [
      stale.id,
      addDays(today, -9),
      addDays(today, -1),
    ]);
    expect(await proposedForLot()).toBe(false);
    // A permit for another province does not carry the lot either.
    await issue(vehicle.id, { provinceCodes: ['79'] });
    expect(await proposedForLot()).toBe(false);

    // A permit over its dispatch days: the lot crosses.
    const permit = await issue(vehicle.id, { provinceCodes: ['91', '79'] });
    expect(await proposedForLot()).toBe(true);

    // Revoked: it no longer does.
    await as('staff').post(`/api/green-lane-permits/${permit.id}/revoke`).expect(200);
    expect(await proposedForLot()).toBe(false);
  });
  it("shows on a supply lot whether its seller's permits give it the green lane, apart from staff's flag", async () => {
    await ensureProduct(t.dataSource, { code: PRODUCT, shelfLifeDays: 60 });
    const coopId = (await makeCooperative(t.dataSource)).id;
    const lot = await makeSupplyLot(t.dataSource, {
      cooperativeId: coopId,
      productCode: PRODUCT,
      provinceCode: '91',
      harvestFrom: today,
      harvestTo: addDays(today, 3),
      availableUntil: addDays(today, 8),
    });
    const view = async () => (await as('buyer').get(`/api/supply-lots/${lot.id}`).expect(200)).body;
    const listed = async () =>
      (await as('buyer').get(`/api/supply-lots?cooperativeId=${coopId}`).expect(200)).body.items.find(
        (l: any) => l.id === lot.id,
      );
    expect(await view()).toMatchObject({ greenLane: false, greenLaneByPermit: false });
    const vehicle = await makeVehicle(t.dataSource, operatorId);
    await as('transport').post(`/api/vehicles/${vehicle.id}/assignments`, { cooperativeId: coopId }).expect(201);
    await issue(vehicle.id, { provinceCodes: ['79'] });
    expect((await view()).greenLaneByPermit).toBe(false);
    const permit = await issue(vehicle.id, { provinceCodes: ['91'] });
    expect(await view()).toMatchObject({ greenLane: false, greenLaneByPermit: true });
    expect(await listed()).toMatchObject({ greenLaneByPermit: true });
    await as('staff').post(`/api/green-lane-permits/${permit.id}/revoke`).expect(200);
    expect((await listed()).greenLaneByPermit).toBe(false);
  });
});
