/**
 * OVH behaviours the package must survive (ovh-api.md §5, §8): status lag after payment, the order's payment /
 * paymentMethods / detail extension routes, one name shared by several services, NOT_CREDENTIAL, 460, faults after
 * the effect, latency, atomic payments; and the route table (SANDBOX_ROUTES) the router is built from.
 */
import { SANDBOX_ROUTES, startSandbox } from '../../sandbox';
import type { RunningSandbox } from '../../sandbox';
import { admin, agent, ovh, sleep } from './helpers';

let sbx: RunningSandbox;

beforeAll(async () => {
	sbx = await startSandbox({ port: 0, quiet: true, deliveryDelayMs: 50 });
});
afterAll(async () => {
	await sbx.close();
	await agent.close();
});
beforeEach(() => {
	sbx.reset();
	sbx.clearRequests();
});

const message = (r: { json: unknown }): string | undefined => (r.json as { message?: string }).message;

async function createOrder(services = [12345], duration = 'P1Y', serviceId = services[0]): Promise<number> {
	const r = await ovh(sbx, 'POST', `/service/${serviceId}/renew`, { body: { duration, services } });
	expect(r.status).toBe(200);
	return (r.json as { orderId: number }).orderId;
}

const pay = (orderId: number, id = 1111) => ovh(sbx, 'POST', `/me/order/${orderId}/pay`, { body: { paymentMethod: { id } } });
const status = async (orderId: number): Promise<unknown> => (await ovh(sbx, 'GET', `/me/order/${orderId}/status`)).json;

describe('route table', () => {
	it('SANDBOX_ROUTES lists every OVH route as an OVH path template, once', () => {
		const keys = SANDBOX_ROUTES.map((r) => `${r.method} ${r.path}`);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).toEqual(
			expect.arrayContaining([
				'GET /auth/time',
				'GET /service/{serviceId}',
				'GET /{product}/{serviceName}/serviceInfos',
				'POST /service/{serviceId}/renew',
				'GET /me/order/{orderId}/payment',
				'GET /me/order/{orderId}/paymentMethods',
				'GET /me/order/{orderId}/details/{orderDetailId}/extension',
				'POST /me/order/{orderId}/pay',
				'GET /me/payment/method',
			]),
		);
		for (const r of SANDBOX_ROUTES) expect(r.path).toMatch(/^\/[a-zA-Z{]/);
	});

	it('every listed route is served (no "invalid URL" 404), and GET /__sandbox shows the table', async () => {
		const orderId = await createOrder();
		const values: Record<string, string> = {
			serviceId: '12345',
			product: 'domain',
			serviceName: 'example-shop.ovh',
			orderId: String(orderId),
			orderDetailId: String(orderId * 10 + 1),
			paymentMethodId: '1111',
		};
		for (const r of SANDBOX_ROUTES) {
			const path = r.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
			const res = await ovh(sbx, r.method, path, { body: r.method === 'POST' ? {} : undefined });
			expect({ route: `${r.method} ${r.path}`, message: message(res) }).not.toEqual({
				route: `${r.method} ${r.path}`,
				message: 'Got an invalid (or empty) URL',
			});
		}
		expect(((await admin(sbx, 'GET', '')).json as { routes: unknown }).routes).toEqual(SANDBOX_ROUTES);
	});
});

describe('status lag after payment', () => {
	it('default: no lag, the status moves to checking at once', async () => {
		const orderId = await createOrder();
		expect((await pay(orderId)).status).toBe(200);
		expect(['checking', 'delivered']).toContain(await status(orderId));
	});

	it('reads: the first N status reads after payment still say notPaid; the payment route already answers', async () => {
		expect((await admin(sbx, 'POST', '/order-status-lag', { reads: 2 })).json).toEqual({ delayMs: 0, reads: 2 });
		const orderId = await createOrder();
		const before = sbx.state().services.find((s) => s.serviceId === 12345)?.expiration;
		expect((await pay(orderId)).status).toBe(200);
		expect(await status(orderId)).toBe('notPaid');
		expect((await ovh(sbx, 'GET', `/me/order/${orderId}/payment`)).status).toBe(200);
		await sleep(80);
		// Not delivered during the lag: the service is not extended yet; a second payment is still refused.
		expect(sbx.state().services.find((s) => s.serviceId === 12345)?.expiration).toBe(before);
		expect((await pay(orderId)).status).toBe(409);
		expect(await status(orderId)).toBe('notPaid');
		expect(await status(orderId)).toBe('delivered');
		expect(sbx.state().services.find((s) => s.serviceId === 12345)?.expiration).not.toBe(before);
	});

	it('time: from the state file (orderStatusLag.delayMs), notPaid until the lag is over, then delivered', async () => {
		const s = await startSandbox({ port: 0, quiet: true, deliveryDelayMs: 0, state: { orderStatusLag: { delayMs: 300 } } });
		try {
			const r = await ovh(s, 'POST', '/service/12345/renew', { body: { duration: 'P1Y', services: [12345] } });
			const orderId = (r.json as { orderId: number }).orderId;
			expect((await ovh(s, 'POST', `/me/order/${orderId}/pay`, { body: { paymentMethod: { id: 1111 } } })).status).toBe(200);
			expect((await ovh(s, 'GET', `/me/order/${orderId}/status`)).json).toBe('notPaid');
			await sleep(350);
			expect((await ovh(s, 'GET', `/me/order/${orderId}/status`)).json).toBe('delivered');
		} finally {
			await s.close();
		}
	});

	it('admin: validation, GET, and deliver ends the lag', async () => {
		expect((await admin(sbx, 'POST', '/order-status-lag', { reads: -1 })).status).toBe(400);
		expect((await admin(sbx, 'POST', '/order-status-lag', { delay: 5 })).status).toBe(400);
		await admin(sbx, 'POST', '/order-status-lag', { delayMs: 60_000 });
		expect((await admin(sbx, 'GET', '/order-status-lag')).json).toEqual({ delayMs: 60_000, reads: 0 });
		const orderId = await createOrder();
		await pay(orderId);
		expect(await status(orderId)).toBe('notPaid');
		await admin(sbx, 'POST', `/orders/${orderId}/deliver`);
		expect(await status(orderId)).toBe('delivered');
	});
});

describe('GET /me/order/{orderId}/payment (billing.Payment)', () => {
	it('404 before any payment; paymentDate, paymentType, paymentIdentifier after', async () => {
		const orderId = await createOrder();
		const none = await ovh(sbx, 'GET', `/me/order/${orderId}/payment`);
		expect(none.status).toBe(404);
		await pay(orderId);
		const p = await ovh(sbx, 'GET', `/me/order/${orderId}/payment`);
		expect(p.json).toEqual({
			paymentDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/),
			paymentIdentifier: '**** **** **** 4242',
			paymentType: 'creditCard',
		});
	});

	it('payWithRegisteredPaymentMean paypal → paymentType paypal', async () => {
		const orderId = await createOrder();
		await ovh(sbx, 'POST', `/me/order/${orderId}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'paypal', paymentMeanId: 1234 } });
		expect((await ovh(sbx, 'GET', `/me/order/${orderId}/payment`)).json).toMatchObject({ paymentType: 'paypal' });
	});
});

describe('GET /me/order/{orderId}/paymentMethods and which methods can pay an order', () => {
	it('default: every VALID registered method', async () => {
		const orderId = await createOrder();
		const r = await ovh(sbx, 'GET', `/me/order/${orderId}/paymentMethods`);
		const body = r.json as { available: Array<{ paymentType: string }>; paymentMethods: Array<{ paymentMethodId: number }>; registered: number[] };
		expect(body.registered).toEqual([1111, 2222]);
		expect(body.paymentMethods.map((m) => m.paymentMethodId)).toEqual([1111, 2222]);
		expect(body.available.map((a) => a.paymentType)).toEqual(['CREDIT_CARD', 'SEPA_DIRECT_DEBIT']);
		expect((await ovh(sbx, 'GET', '/me/payment/method?default=true')).json).toEqual([1111]);
	});

	it('an order the default method cannot pay (admin, per order): /pay and the linked legacy mean are refused', async () => {
		const orderId = await createOrder();
		expect((await admin(sbx, 'POST', `/orders/${orderId}/payment-methods`, { paymentMethods: [2222] })).status).toBe(200);
		expect(((await ovh(sbx, 'GET', `/me/order/${orderId}/paymentMethods`)).json as { registered: number[] }).registered).toEqual([2222]);
		const refused = await pay(orderId, 1111);
		expect([refused.status, message(refused)]).toEqual([400, "This order can't be paid with payment method 1111"]);
		const legacy = await ovh(sbx, 'POST', `/me/order/${orderId}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'creditCard', paymentMeanId: 9012 } });
		expect([legacy.status, message(legacy)]).toEqual([400, "This order can't be paid with 'creditCard'"]);
		expect(await status(orderId)).toBe('notPaid');
		expect((await pay(orderId, 2222)).status).toBe(200);
	});

	it('for every new order (admin order-payment-methods, or orderPaymentMethods in the state)', async () => {
		expect((await admin(sbx, 'POST', '/order-payment-methods', { paymentMethods: [] })).json).toEqual({ paymentMethods: [] });
		const orderId = await createOrder();
		expect((await ovh(sbx, 'GET', `/me/order/${orderId}/paymentMethods`)).json).toEqual({ available: [], paymentMethods: [], registered: [] });
		expect((await pay(orderId, 1111)).status).toBe(400);
		expect((await admin(sbx, 'POST', '/order-payment-methods', { paymentMethods: 'x' })).status).toBe(400);
	});
});

describe('GET /me/order/{orderId}/details/{orderDetailId}/extension (billing.ItemDetail)', () => {
	it('gives the renewal period, the plan code and the product of each line', async () => {
		const orderId = await createOrder([67890, 12345], 'P1Y', 12345);
		const ids = (await ovh(sbx, 'GET', `/me/order/${orderId}/details`)).json as number[];
		const ext = await Promise.all(ids.map(async (id) => (await ovh(sbx, 'GET', `/me/order/${orderId}/details/${id}/extension`)).json));
		expect(ext).toEqual([
			{ order: { action: 'renew', configurations: [], plan: { code: 'perso2014', duration: 'P1Y', pricingMode: 'default', product: { name: 'hosting-web' }, quantity: 1 }, type: 'plan' } },
			{ order: { action: 'renew', configurations: [], plan: { code: 'ovh', duration: 'P1Y', pricingMode: 'default', product: { name: 'domain' }, quantity: 1 } , type: 'plan' } },
		]);
		expect((await ovh(sbx, 'GET', `/me/order/${orderId}/details/1/extension`)).status).toBe(404);
	});
});

describe('one name, several services', () => {
	it('the domain, its DNS zone and its Start 10M hosting are all "example-shop.ovh"', async () => {
		const names = await Promise.all(
			[12345, 990022, 990033].map(async (id) => ((await ovh(sbx, 'GET', `/service/${id}`)).json as { resource: { name: string }; route: { path: string } })),
		);
		expect(names.map((n) => n.resource.name)).toEqual(['example-shop.ovh', 'example-shop.ovh', 'example-shop.ovh']);
		expect(names.map((n) => n.route.path)).toEqual(['/domain/{serviceName}', '/domain/zone/{serviceName}', '/hosting/web/{serviceName}']);
		expect((await ovh(sbx, 'GET', '/domain/zone/example-shop.ovh/serviceInfos')).json).toMatchObject({ serviceId: 990022, renew: { automatic: true } });
		expect((await ovh(sbx, 'GET', '/hosting/web/example-shop.ovh/serviceInfos')).json).toMatchObject({ serviceId: 990033 });
		const orderId = await createOrder();
		const detail = await ovh(sbx, 'GET', `/me/order/${orderId}/details/${orderId * 10 + 1}`);
		expect(detail.json).toMatchObject({ domain: 'example-shop.ovh' });
	});
});

describe('460 This Service is expired', () => {
	it('within the grace period an expired service can still be renewed; past it, /service/{id}/renew answers 460', async () => {
		expect((await ovh(sbx, 'GET', '/service/990011/renew')).status).toBe(200);
		await admin(sbx, 'POST', '/services/990011/expiration', { expiration: '-31d', status: 'expired' });
		for (const r of [
			await ovh(sbx, 'GET', '/service/990011/renew'),
			await ovh(sbx, 'POST', '/service/990011/renew', { body: { duration: 'P1Y', services: [990011] } }),
		]) {
			expect([r.status, message(r)]).toEqual([460, 'This Service is expired']);
		}
		expect((await ovh(sbx, 'GET', '/domain/old-project.fr/serviceInfos')).json).toMatchObject({ status: 'expired' });
		expect(sbx.state().orders.filter((o) => o.services.includes(990011))).toHaveLength(0);
	});

	it('expiredServiceGraceDays comes from the state', async () => {
		sbx.state().expiredServiceGraceDays = 0;
		expect((await ovh(sbx, 'GET', '/service/990011/renew')).status).toBe(460);
	});
});

describe('faults after the effect, latency', () => {
	it("a 502 after the payment, twice: the order is paid, the retry gets 502 again, then 409", async () => {
		const orderId = await createOrder();
		sbx.addFault({ type: 'status', status: 502, method: 'POST', path: '/me/order/*/pay', when: 'after', times: 2 });
		expect((await pay(orderId)).status).toBe(502);
		expect(sbx.state().orders.find((o) => o.orderId === orderId)?.paidAt).not.toBeNull();
		expect((await pay(orderId)).status).toBe(502);
		const third = await pay(orderId);
		expect([third.status, message(third)]).toEqual([409, 'This order is already paid']);
	});

	it('a 408 after the renew POST: the order exists anyway', async () => {
		sbx.addFault({ type: 'status', status: 408, method: 'POST', path: '/service/*/renew', when: 'after' });
		const r = await ovh(sbx, 'POST', '/service/12345/renew', { body: { duration: 'P1Y', services: [12345] } });
		expect(r.status).toBe(408);
		expect(sbx.state().orders.filter((o) => o.status === 'notPaid')).toHaveLength(1);
	});

	it('latency on every request until cleared (times -1)', async () => {
		sbx.addFault({ type: 'latency', delayMs: 50, times: -1 });
		for (let i = 0; i < 2; i++) {
			const t = Date.now();
			expect((await ovh(sbx, 'GET', '/service')).status).toBe(200);
			expect(Date.now() - t).toBeGreaterThanOrEqual(45);
		}
		sbx.clearFaults();
	});
});

describe('atomic payments', () => {
	it('20 concurrent payments of one order: exactly one accepted, the others 409', async () => {
		const orderId = await createOrder();
		const replies = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				i % 2 === 0
					? pay(orderId)
					: ovh(sbx, 'POST', `/me/order/${orderId}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'paypal', paymentMeanId: 1234 } }),
			),
		);
		expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
		expect(replies.filter((r) => r.status === 409).map(message)).toEqual(Array(19).fill('This order is already paid'));
	});
});
