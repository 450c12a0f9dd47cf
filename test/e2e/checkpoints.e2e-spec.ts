import { addDays, todayInVietnam } from '@agrilink/core';
import { makeBuyer } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

describe('checkpoints: kept by staff, read by signed-in users, on the map, ended with history (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let buyer: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.tokenFor('staff');
    buyer = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
  });
  afterAll(() => t?.close());

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) => t.http().post(url).auth(token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object) => t.http().patch(url).auth(token, { type: 'bearer' }).send(body),
  });

  it('creates, lists, edits and ends a checkpoint in a zone; shows it on the map layer while in force', async () => {
    const zone = (
      await as(staff)
        .post('/api/zones', {
          code: 'T-CP-ZONE',
          name: 'Vùng có chốt',
          administrativeUnitIds: ['current:commune:30292'],
        })
        .expect(201)
    ).body;
    const cp = (
      await as(staff)
        .post('/api/checkpoints', {
          name: 'Chốt cầu Cái Lớn',
          location: { lat: 9.9, lng: 105.2 },
          zoneId: zone.id,
          provinceCode: '91',
        })
        .expect(201)
    ).body;
    expect(cp).toMatchObject({
      name: 'Chốt cầu Cái Lớn',
      location: { lat: 9.9, lng: 105.2 },
      zoneId: zone.id,
      zoneCode: 'T-CP-ZONE',
      to: null,
    });

    expect((await as(buyer).get('/api/checkpoints?q=cai lon').expect(200)).body.items.map((c: any) => c.id)).toEqual([
      cp.id,
    ]);
    const layer = (await as(buyer).get('/api/checkpoints/layer?bbox=104,9,106,11').expect(200)).body;
    expect(layer.features).toEqual([
      expect.objectContaining({
        id: cp.id,
        geometry: { type: 'Point', coordinates: [105.2, 9.9] },
        properties: expect.objectContaining({ zoneCode: 'T-CP-ZONE' }),
      }),
    ]);
    expect((await as(buyer).get('/api/checkpoints/layer?bbox=106,20,107,21').expect(200)).body.features).toEqual([]);
    await t.http().get('/api/checkpoints/layer').expect(401);

    await as(buyer)
      .post('/api/checkpoints', { name: 'x', location: { lat: 10, lng: 105.2 } })
      .expect(403);
    expect(
      (
        await as(staff)
          .post('/api/checkpoints', {
            name: 'x',
            location: { lat: 10, lng: 105.2 },
            zoneId: '6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33',
          })
          .expect(422)
      ).body.code,
    ).toBe('CHECKPOINT.UNKNOWN_ZONE');
    expect(
      (
        await as(staff)
          .post('/api/checkpoints', { name: 'x', location: { lat: 48.8, lng: 2.3 } })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION.FAILED');

    expect(
      (await as(staff).patch(`/api/checkpoints/${cp.id}`, { name: 'Chốt cầu Cái Lớn (QL63)' }).expect(200)).body.name,
    ).toBe('Chốt cầu Cái Lớn (QL63)');
    const yesterday = addDays(todayInVietnam(), -1);
    expect((await as(staff).post(`/api/checkpoints/${cp.id}/end`, { on: yesterday }).expect(200)).body.to).toBe(
      yesterday,
    );
    expect((await as(staff).post(`/api/checkpoints/${cp.id}/end`).expect(409)).body.code).toBe(
      'CHECKPOINT.ALREADY_ENDED',
    );
    // Ended: off today's map, still on file.
    expect((await as(buyer).get('/api/checkpoints/layer').expect(200)).body.features).toEqual([]);
    expect((await as(buyer).get(`/api/checkpoints/${cp.id}`).expect(200)).body.to).toBe(yesterday);
    expect(
      (await as(buyer).get(`/api/checkpoints/layer?activeOn=${yesterday}`).expect(200)).body.features,
    ).toHaveLength(1);

    const history = (await as(staff).get(`/api/checkpoints/${cp.id}/history`).expect(200)).body.items;
    expect(history.map((e: any) => e.action)).toEqual(['end', 'update', 'create']);
    await as(buyer).get(`/api/checkpoints/${cp.id}/history`).expect(403);
    // No route deletes a checkpoint.
    await as(staff).get('/api/checkpoints').expect(200);
    expect((await t.http().delete(`/api/checkpoints/${cp.id}`).auth(staff, { type: 'bearer' })).status).toBe(404);
  });
});
