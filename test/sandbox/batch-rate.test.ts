/**
 * Batch GETs (`X-Ovh-Batch: ,`, ovh-api.md §8) with the admin switch that refuses them, and the per-consumer-key
 * rate limit (429 + Retry-After, off by default).
 */
import { SANDBOX_CONSUMER_KEYS, DEMO_KEYS, startSandbox } from '../../sandbox';
import type { RunningSandbox } from '../../sandbox';
import { admin, agent, ovh, sleep } from './helpers';

let sbx: RunningSandbox;

beforeAll(async () => {
	sbx = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => {
	await sbx.close();
	await agent.close();
});
beforeEach(() => {
	sbx.reset();
	sbx.clearRequests();
});

const batch = { headers: { 'X-Ovh-Batch': ',' } };

describe('batch GET', () => {
	it('/service/{serviceId}: one {key, value, error} per id, errors per entry', async () => {
		const r = await ovh(sbx, 'GET', '/service/12345,67890,424242', batch);
		expect(r.status).toBe(200);
		const entries = r.json as Array<{ key: string; value: { resource: { name: string } } | null; error: string | null }>;
		expect(entries.map((e) => [e.key, e.value?.resource.name ?? null, e.error])).toEqual([
			['12345', 'example-shop.ovh', null],
			['67890', 'exampleshop.cluster021.hosting.ovh.net', null],
			['424242', null, 'This service does not exist'],
		]);
	});

	it('serviceInfos, /me/order/{orderId} and its status', async () => {
		const infos = await ovh(sbx, 'GET', '/domain/example-shop.ovh,old-project.fr/serviceInfos', batch);
		expect((infos.json as Array<{ value: { serviceId: number } }>).map((e) => e.value.serviceId)).toEqual([12345, 990011]);
		const made = await ovh(sbx, 'POST', '/service/12345/renew', { body: { duration: 'P1Y', services: [12345] } });
		const orderId = (made.json as { orderId: number }).orderId;
		const status = await ovh(sbx, 'GET', `/me/order/${orderId},240000001/status`, batch);
		expect(status.json).toEqual([
			{ key: String(orderId), value: 'notPaid', error: null },
			{ key: '240000001', value: 'delivered', error: null },
		]);
		const orders = await ovh(sbx, 'GET', `/me/order/${orderId};240000001`, { headers: { 'X-Ovh-Batch': ';' } });
		expect((orders.json as Array<{ value: { orderId: number } }>).map((e) => e.value.orderId)).toEqual([orderId, 240000001]);
	});

	it('refused with 400 when switched off (admin) or on a route without batch; plain GETs unaffected', async () => {
		expect((await admin(sbx, 'POST', '/batch', { enabled: false })).json).toEqual({ enabled: false });
		const off = await ovh(sbx, 'GET', '/service/12345,67890', batch);
		expect([off.status, (off.json as { message: string }).message]).toEqual([400, 'Batch mode is not available for this call']);
		expect((await ovh(sbx, 'GET', '/service/12345')).status).toBe(200);
		sbx.reset();
		expect((await ovh(sbx, 'GET', '/service/12345/renew', batch)).status).toBe(400);
		expect((await admin(sbx, 'POST', '/batch', { enabled: 'no' })).status).toBe(400);
	});
});

describe('rate limit', () => {
	it('off by default', async () => {
		const replies = await Promise.all(Array.from({ length: 30 }, () => ovh(sbx, 'GET', '/service')));
		expect(replies.every((r) => r.status === 200)).toBe(true);
	});

	it('above R requests/second per consumer key: 429 with Retry-After; other keys and the next second are fine', async () => {
		expect((await admin(sbx, 'POST', '/rate-limit', { perSecond: 3 })).json).toEqual({ perSecond: 3 });
		const replies = await Promise.all(Array.from({ length: 5 }, () => ovh(sbx, 'GET', '/service')));
		expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
		const limited = replies.find((r) => r.status === 429);
		expect(limited?.headers['retry-after']).toBe('1');
		expect(limited?.json).toEqual({ class: 'Client::TooManyRequests', message: 'Too many requests' });
		const narrow = { ...DEMO_KEYS, consumerKey: SANDBOX_CONSUMER_KEYS.narrow };
		expect((await ovh(sbx, 'GET', '/service', { keys: narrow })).status).toBe(200);
		await sleep(1050);
		expect((await ovh(sbx, 'GET', '/service')).status).toBe(200);
		expect((await admin(sbx, 'POST', '/rate-limit', { perSecond: 0 })).status).toBe(400);
		expect((await admin(sbx, 'POST', '/rate-limit', { perSecond: null })).json).toEqual({ perSecond: null });
	});

	it('from the state file (rateLimitPerSecond)', async () => {
		const s = await startSandbox({ port: 0, quiet: true, state: { rateLimitPerSecond: 1 } });
		try {
			expect((await ovh(s, 'GET', '/service')).status).toBe(200);
			expect((await ovh(s, 'GET', '/service')).status).toBe(429);
		} finally {
			await s.close();
		}
	});
});
