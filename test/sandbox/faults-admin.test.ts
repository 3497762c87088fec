/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev-only sandbox tests (temp files, CLI child process), never shipped */
/**
 * Sandbox faults (rate limit, HTML 5xx, dropped connection, latency, payment applied but answer lost), request
 * log hygiene, reset, admin API, state files and persistence, CLI help.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO_KEYS, PENDING_CREDENTIAL_TOKEN, SANDBOX_CONSUMER_KEYS, StateError, startSandbox } from '../../sandbox';
import type { RunningSandbox, SandboxState } from '../../sandbox';
import { admin, agent, ovh, raw } from './helpers';

let sbx: RunningSandbox;
let tmp: string;

beforeAll(async () => {
	sbx = await startSandbox({ port: 0, quiet: true, deliveryDelayMs: 100 });
	tmp = mkdtempSync(join(tmpdir(), 'ovh-sandbox-test-'));
});
afterAll(async () => {
	await sbx.close();
	await agent.close();
	rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
	sbx.reset();
	sbx.clearRequests();
});

async function createOrder(): Promise<number> {
	const r = await ovh(sbx, 'POST', '/service/12345/renew', { body: { duration: 'P1Y', services: [12345] } });
	expect(r.status).toBe(200);
	return (r.json as { orderId: number }).orderId;
}

describe('faults', () => {
	it('429 with Retry-After, once by default, then normal answers', async () => {
		sbx.addFault({ type: 'status', status: 429, retryAfter: 7, path: '/service' });
		const limited = await ovh(sbx, 'GET', '/service');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect(limited.headers['x-ovh-queryid']).toBeDefined();
		expect(limited.json).toEqual({ class: 'Client::TooManyRequests', message: 'Too many requests' });
		expect((await ovh(sbx, 'GET', '/service')).status).toBe(200);
		const log = sbx.requests();
		expect(log.map((r) => [r.status, r.fault])).toEqual([
			[429, 'status 429 (before)'],
			[200, null],
		]);
	});

	it('matches on method and path glob, `times`, and a custom body', async () => {
		sbx.addFault({ type: 'status', status: 503, method: 'GET', path: '/service/*/renew', times: 2, body: { message: 'busy' } });
		expect((await ovh(sbx, 'GET', '/service/12345')).status).toBe(200);
		expect((await ovh(sbx, 'POST', '/service/12345/renew', { body: { dryRun: true, duration: 'P1Y', services: [12345] } })).status).toBe(200);
		const a = await ovh(sbx, 'GET', '/service/12345/renew');
		expect([a.status, a.json]).toEqual([503, { message: 'busy' }]);
		expect((await ovh(sbx, 'GET', '/service/67890/renew')).status).toBe(503);
		expect((await ovh(sbx, 'GET', '/service/67890/renew')).status).toBe(200);
	});

	it('html: an HTML 502 page from the "front proxy"', async () => {
		sbx.addFault({ type: 'html', path: '/me/*' });
		const r = await ovh(sbx, 'GET', '/me/order');
		expect(r.status).toBe(502);
		expect(r.headers['content-type']).toMatch(/^text\/html/);
		expect(r.text).toMatch(/^<html>/);
		expect(r.text).toContain('502 Bad Gateway');
		sbx.addFault({ type: 'html', status: 503 });
		expect((await ovh(sbx, 'GET', '/me/order')).text).toContain('503 Service Unavailable');
	});

	it('5xx status faults default to the bare {"message"} body seen on OVH', async () => {
		sbx.addFault({ type: 'status', status: 500 });
		const r = await ovh(sbx, 'GET', '/service');
		expect([r.status, r.json]).toEqual([500, { message: 'Service is temporarily unavailable' }]);
	});

	it('drop: the connection is destroyed without an answer; the request is still logged', async () => {
		sbx.addFault({ type: 'drop', path: '/service' });
		await expect(ovh(sbx, 'GET', '/service')).rejects.toThrow();
		expect((await ovh(sbx, 'GET', '/service')).status).toBe(200);
		expect(sbx.requests()[0]).toMatchObject({ status: 0, fault: 'drop (before)', path: '/service' });
	});

	it('latency delays the answer', async () => {
		sbx.addFault({ type: 'latency', delayMs: 200 });
		const t = Date.now();
		expect((await ovh(sbx, 'GET', '/service')).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(190);
		expect(sbx.requests()[0].fault).toBe('latency 200ms (before)');
	});

	it("when: 'after' on payment: the payment takes effect but the answer is a 503", async () => {
		const id = await createOrder();
		sbx.addFault({ type: 'status', status: 503, path: '/me/order/*/payWithRegisteredPaymentMean', when: 'after' });
		const r = await ovh(sbx, 'POST', `/me/order/${id}/payWithRegisteredPaymentMean`, {
			body: { paymentMean: 'paypal', paymentMeanId: 1234 },
		});
		expect(r.status).toBe(503);
		expect((await ovh(sbx, 'GET', `/me/order/${id}/status`)).json).toBe('checking');
		// a naive retry now hits "already paid"
		const retry = await ovh(sbx, 'POST', `/me/order/${id}/payWithRegisteredPaymentMean`, {
			body: { paymentMean: 'paypal', paymentMeanId: 1234 },
		});
		expect(retry.status).toBe(409);
	});

	it("when: 'after' with drop: the renew order is created but the connection dies", async () => {
		const before = sbx.state().orders.length;
		sbx.addFault({ type: 'drop', method: 'POST', path: '/service/*/renew', when: 'after' });
		await expect(
			ovh(sbx, 'POST', '/service/12345/renew', { body: { duration: 'P1Y', services: [12345] } }),
		).rejects.toThrow();
		expect(sbx.state().orders.length).toBe(before + 1);
	});

	it('faults can be managed over the admin API, with validation', async () => {
		const added = await admin(sbx, 'POST', '/faults', { type: 'status', status: 429, retryAfter: 1, times: -1 });
		expect(added.status).toBe(200);
		expect(added.json).toMatchObject({ id: expect.any(Number), remaining: -1 });
		expect((await ovh(sbx, 'GET', '/service')).status).toBe(429);
		expect((await ovh(sbx, 'GET', '/auth/currentCredential')).status).toBe(429);
		expect(((await admin(sbx, 'GET', '/faults')).json as unknown[]).length).toBe(1);
		expect((await admin(sbx, 'DELETE', '/faults')).status).toBe(200);
		expect((await ovh(sbx, 'GET', '/service')).status).toBe(200);
		// admin routes are never faulted
		expect((await admin(sbx, 'POST', '/faults', { type: 'drop' })).status).toBe(200);
		expect((await admin(sbx, 'GET', '/state')).status).toBe(200);
		for (const bad of [{}, { type: 'boom' }, { type: 'status' }, { type: 'latency' }, { type: 'drop', when: 'later' }, { type: 'drop', times: 0 }]) {
			const r = await admin(sbx, 'POST', '/faults', bad);
			expect(r.status).toBe(400);
			expect((r.json as { message: string }).message).toMatch(/^admin: fault\./);
		}
		expect(() => sbx.addFault({ type: 'status' })).toThrow(/fault.status is required/);
	});
});

describe('request log', () => {
	it('records OVH calls without any secret; admin calls are not logged', async () => {
		await ovh(sbx, 'GET', '/service/12345/renew?includeOptions=true');
		await ovh(sbx, 'POST', '/service/12345/renew', { body: { dryRun: true, duration: 'P1Y', services: [12345] } });
		await ovh(sbx, 'GET', '/service', { signSecret: 'wrong' });
		await raw(sbx, 'GET', '/1.0/auth/time');
		await admin(sbx, 'GET', '/state');
		const log = sbx.requests();
		expect(log).toHaveLength(4);
		expect(log[0]).toEqual({
			id: expect.any(Number),
			time: expect.any(String),
			method: 'GET',
			path: '/service/12345/renew',
			basePath: '/1.0',
			rawUrl: '/1.0/service/12345/renew?includeOptions=true',
			query: { includeOptions: 'true' },
			headers: { 'X-Ovh-Application': DEMO_KEYS.applicationKey, 'X-Ovh-Timestamp': expect.stringMatching(/^\d+$/) },
			signed: true,
			hasConsumerKey: true,
			credentialId: 200001,
			body: null,
			status: 200,
			queryId: expect.stringMatching(/^EU\.ext-3\./),
			error: null,
			fault: null,
			durationMs: expect.any(Number),
		});
		expect(log[1]).toMatchObject({ method: 'POST', body: { dryRun: true, duration: 'P1Y', services: [12345] }, status: 200 });
		expect(log[2]).toMatchObject({ status: 400, error: 'INVALID_SIGNATURE' });
		expect(log[3]).toMatchObject({ path: '/auth/time', signed: false, hasConsumerKey: false, headers: {} });
		const http = await admin(sbx, 'GET', '/requests');
		expect(http.json).toEqual(JSON.parse(JSON.stringify(log)));
		const dump = JSON.stringify(http.json);
		expect(dump).not.toContain(DEMO_KEYS.consumerKey);
		expect(dump).not.toContain(DEMO_KEYS.applicationSecret);
		expect(dump).not.toMatch(/\$1\$[0-9a-f]{40}/);
		expect((await admin(sbx, 'DELETE', '/requests')).status).toBe(200);
		expect(sbx.requests()).toEqual([]);
	});

	it('the queryId logged is the one sent to the client', async () => {
		const r = await ovh(sbx, 'GET', '/service/999');
		expect(sbx.requests()[0]).toMatchObject({ queryId: r.headers['x-ovh-queryid'], status: 404, error: 'Client::NotFound' });
	});
});

describe('reset and admin API', () => {
	it('reset restores state, faults, clock and error shape (JS API and POST /__sandbox/reset)', async () => {
		const initial = JSON.stringify(sbx.state());
		const id = await createOrder();
		await ovh(sbx, 'POST', `/me/order/${id}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'ovhAccount' } });
		await admin(sbx, 'POST', `/orders/${id}/deliver`);
		await admin(sbx, 'POST', '/clock', { offsetSeconds: 500 });
		await admin(sbx, 'POST', '/error-shape', { shape: 'legacy' });
		sbx.addFault({ type: 'status', status: 500, path: '/nothing' });
		expect(JSON.stringify(sbx.state())).not.toBe(initial);

		expect((await admin(sbx, 'POST', '/reset')).status).toBe(200);
		const state = sbx.state();
		expect(state.orders.map((o) => o.orderId)).toEqual([240000001]);
		expect(JSON.stringify(state.services)).toBe(JSON.stringify(JSON.parse(initial).services));
		expect((await admin(sbx, 'GET', '/clock')).json).toMatchObject({ offsetSeconds: 0 });
		expect((await admin(sbx, 'GET', '/faults')).json).toEqual([]);
		expect((await ovh(sbx, 'GET', '/service/999')).json).toMatchObject({ class: 'Client::NotFound' });
		// and the JS API
		await createOrder();
		sbx.reset();
		expect(sbx.state().orders).toHaveLength(1);
	});

	it('GET /__sandbox lists the admin routes and demo keys; unknown admin routes are 404', async () => {
		const r = await admin(sbx, 'GET', '');
		expect(r.json).toMatchObject({ baseUrl: `${sbx.origin}/1.0`, demoKeys: DEMO_KEYS });
		expect((await admin(sbx, 'GET', '/nope')).status).toBe(404);
	});

	it('GET /__sandbox/state is the live state; PUT replaces it', async () => {
		const s = (await admin(sbx, 'GET', '/state')).json as SandboxState;
		expect(s.services.map((x) => x.serviceId)).toContain(778899);
		const put = await admin(sbx, 'PUT', '/state', {
			services: [{ serviceId: 1, product: 'vps', serviceName: 'vps1.ovh.net', serviceType: 'VPS', expiration: '+3d' }],
			renewOffers: [{ renewPeriod: 'P1M', services: [1], price: 5 }],
			orders: [],
		});
		expect(put.status).toBe(200);
		expect((await ovh(sbx, 'GET', '/service')).json).toEqual([1]);
		expect((await admin(sbx, 'PUT', '/state', { services: 'nope' })).json).toMatchObject({
			message: expect.stringMatching(/services: must be an array/),
		});
		sbx.reset();
		expect((await ovh(sbx, 'GET', '/service')).json).toHaveLength(9);
	});

	it('clock: POST /__sandbox/clock moves /auth/time', async () => {
		const r = await admin(sbx, 'POST', '/clock', { offsetSeconds: -7200 });
		expect(r.status).toBe(200);
		const t = Number((await raw(sbx, 'GET', '/1.0/auth/time')).text);
		expect(Math.abs(t - (Math.floor(Date.now() / 1000) - 7200))).toBeLessThanOrEqual(1);
		expect((await admin(sbx, 'POST', '/clock', { offsetSeconds: 'x' })).status).toBe(400);
	});

	it('credentials: validate a pending key (token or key), revoke, expire', async () => {
		const pending = { ...DEMO_KEYS, consumerKey: SANDBOX_CONSUMER_KEYS.pending };
		expect((await ovh(sbx, 'GET', '/service', { keys: pending })).status).toBe(403);
		const v = await admin(sbx, 'GET', `/validate?credentialToken=${PENDING_CREDENTIAL_TOKEN}&validity=3600`);
		expect(v.json).toMatchObject({ state: 'validated', expiration: expect.any(String) });
		expect((await ovh(sbx, 'GET', '/service', { keys: pending })).status).toBe(200);
		expect((await admin(sbx, 'GET', '/validate?credentialToken=nope')).status).toBe(404);

		expect((await admin(sbx, 'POST', `/credentials/${DEMO_KEYS.consumerKey}/revoke`)).json).toMatchObject({ state: 'refused' });
		expect((await ovh(sbx, 'GET', '/service')).status).toBe(403);
		expect((await admin(sbx, 'POST', `/credentials/${DEMO_KEYS.consumerKey}/validate`)).status).toBe(200);
		expect((await ovh(sbx, 'GET', '/service')).status).toBe(200);
		expect((await admin(sbx, 'POST', `/credentials/${DEMO_KEYS.consumerKey}/expire`)).json).toMatchObject({ state: 'expired' });
		expect((await ovh(sbx, 'GET', '/service')).json).toEqual({ class: 'Client::Forbidden', message: 'This credential is not valid' });
		expect((await admin(sbx, 'POST', '/credentials/nope/expire')).status).toBe(404);
	});

	it('services: set an expiration (absolute or relative)', async () => {
		expect((await admin(sbx, 'POST', '/services/12345/expiration', { expiration: '2031-02-03' })).status).toBe(200);
		expect((await ovh(sbx, 'GET', '/service/12345')).json).toMatchObject({ expirationDate: '2031-02-03' });
		await admin(sbx, 'POST', '/services/12345/expiration', { expiration: '+2d', status: 'expired' });
		const want = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
		expect((await ovh(sbx, 'GET', '/domain/example-shop.ovh/serviceInfos')).json).toMatchObject({ expiration: want, status: 'expired' });
		expect((await admin(sbx, 'POST', '/services/12345/expiration', { expiration: 'soon' })).status).toBe(400);
		expect((await admin(sbx, 'POST', '/services/1/expiration', { expiration: '+1d' })).status).toBe(404);
	});

	it('orders: the order url answers, deliver needs a paid order', async () => {
		const id = await createOrder();
		const order = sbx.state().orders.find((o) => o.orderId === id);
		const page = await raw(sbx, 'GET', (order?.url ?? '').slice(sbx.origin.length));
		expect(page.json).toMatchObject({ orderId: id, status: 'notPaid' });
		expect((await admin(sbx, 'POST', `/orders/${id}/deliver`)).status).toBe(400);
		expect((await admin(sbx, 'POST', '/orders/1/expire')).status).toBe(404);
	});
});

describe('state files and persistence', () => {
	it('loads a partial state file with relative dates; other keys come from the default state', async () => {
		const file = join(tmp, 'state.json');
		writeFileSync(
			file,
			JSON.stringify({
				currencyCode: 'CAD',
				taxRate: 0.15,
				services: [
					{ serviceId: 501, product: 'vps', serviceName: 'vps-ca.ovh.net', serviceType: 'VPS Starter', expiration: '+3d' },
					{ serviceId: 502, product: 'dedicated/server', serviceName: 'ns1.example', serviceType: 'Server', expiration: '2030-01-31' },
				],
				renewOffers: [
					{ renewPeriod: 'P1M', services: [501], price: 10 },
					{ renewPeriod: 'P1M', services: [502], price: 99.99 },
				],
				orders: [],
			}),
		);
		const s = await startSandbox({ quiet: true, state: file, deliveryDelayMs: 0 });
		try {
			expect((await ovh(s, 'GET', '/service')).json).toEqual([501, 502]);
			const want = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
			expect((await ovh(s, 'GET', '/vps/vps-ca.ovh.net/serviceInfos')).json).toMatchObject({ expiration: want });
			const r = await ovh(s, 'POST', '/service/501/renew', { body: { duration: 'P1M', services: [501] } });
			expect(r.json).toMatchObject({
				priceWithoutTax: { value: 10, currencyCode: 'CAD', text: '$10.00 CAD' },
				tax: { value: 1.5 },
				priceWithTax: { value: 11.5 },
			});
			const id = (r.json as { orderId: number }).orderId;
			await ovh(s, 'POST', `/me/order/${id}/pay`, { body: { paymentMethod: { id: 1111 } } });
			expect((await ovh(s, 'GET', `/me/order/${id}/status`)).json).toBe('delivered');
			// month-end clamping: 2030-01-31 + P1M = 2030-02-28
			const r2 = await ovh(s, 'POST', '/service/502/renew', { body: { duration: 'P1M', services: [502] } });
			const id2 = (r2.json as { orderId: number }).orderId;
			await ovh(s, 'POST', `/me/order/${id2}/pay`, { body: { paymentMethod: { id: 1111 } } });
			expect((await ovh(s, 'GET', '/service/502')).json).toMatchObject({ expirationDate: '2030-02-28' });
		} finally {
			await s.close();
		}
	});

	it('loads sandbox/examples/minimal-state.json (the README example)', async () => {
		const s = await startSandbox({ quiet: true, state: join(__dirname, '..', '..', 'sandbox', 'examples', 'minimal-state.json') });
		try {
			expect((await ovh(s, 'GET', '/service')).json).toEqual([12345, 67890, 778899]);
			expect((await ovh(s, 'GET', '/service/12345/renew')).json).toHaveLength(1);
			expect((await ovh(s, 'GET', '/ip/141.94.185.0%2F28/serviceInfos')).json).toMatchObject({ expiration: '2030-01-31' });
			// applications, credentials and payment means come from the default state
			expect((await ovh(s, 'GET', '/me/payment/method')).json).toEqual([1111, 2222, 3333]);
		} finally {
			await s.close();
		}
	});

	it('rejects an invalid state with the offending field', async () => {
		await expect(
			startSandbox({ quiet: true, state: { services: [{ serviceId: -1, serviceName: 'x', expiration: '+1d' }] } }),
		).rejects.toThrow(/services\[0\]\.serviceId: must be a positive integer/);
		await expect(
			startSandbox({ quiet: true, state: { renewOffers: [{ renewPeriod: 'P1Y', services: [4], price: 1 }] } }),
		).rejects.toThrow(StateError);
		const bad = join(tmp, 'bad.json');
		writeFileSync(bad, '{ nope');
		await expect(startSandbox({ quiet: true, state: bad })).rejects.toThrow(/not valid JSON/);
		await expect(startSandbox({ quiet: true, state: join(tmp, 'missing.json') })).rejects.toThrow(/cannot read/);
	});

	it('persistPath writes the state after each change; it can be loaded back', async () => {
		const file = join(tmp, 'nested', 'persist.json');
		const s = await startSandbox({ quiet: true, persistPath: file });
		let orderId: number;
		try {
			const r = await ovh(s, 'POST', '/service/112233/renew', { body: { duration: 'P1M', services: [112233] } });
			orderId = (r.json as { orderId: number }).orderId;
			const saved = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
			expect(saved.orders.map((o) => o.orderId)).toContain(orderId);
		} finally {
			await s.close();
		}
		const again = await startSandbox({ quiet: true, state: file });
		try {
			expect((await ovh(again, 'GET', `/me/order/${orderId}/status`)).json).toBe('notPaid');
		} finally {
			await again.close();
		}
	});
});

describe('CLI', () => {
	it('scripts/sandbox.js --help prints usage without building', () => {
		const out = execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'sandbox.js'), '--help'], {
			encoding: 'utf8',
		});
		expect(out).toMatch(/--port/);
		expect(out).toMatch(/--legacy-errors/);
	});
});
