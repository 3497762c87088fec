/**
 * Sandbox renewal routes over real HTTP: services, serviceInfos, renew strategies, renew orders (the OVH guide's
 * flow), payment, order lifecycle and the validation errors of each.
 */
import { startSandbox } from '../../sandbox';
import type { RunningSandbox } from '../../sandbox';
import { admin, agent, ovh, sleep } from './helpers';

const DELIVERY_MS = 150;
let sbx: RunningSandbox;

beforeAll(async () => {
	sbx = await startSandbox({ port: 0, quiet: true, deliveryDelayMs: DELIVERY_MS });
});
afterAll(async () => {
	await sbx.close();
	await agent.close();
});
beforeEach(() => {
	sbx.reset();
	sbx.clearRequests();
});

function expectError(r: { status: number; json: unknown }, status: number, message: string | RegExp): void {
	expect({ status: r.status, message: (r.json as { message?: string }).message }).toEqual({
		status,
		message: typeof message === 'string' ? message : expect.stringMatching(message),
	});
}

const expiration = (id: number): string => {
	const svc = sbx.state().services.find((s) => s.serviceId === id);
	if (!svc) throw new Error(`no service ${id}`);
	return svc.expiration;
};
const plusOneYear = (d: string): string => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;

async function createOrder(services = [67890, 12345], duration = 'P1Y', serviceId = 12345): Promise<number> {
	const r = await ovh(sbx, 'POST', `/service/${serviceId}/renew`, { body: { dryRun: false, duration, services } });
	expect(r.status).toBe(200);
	return (r.json as { orderId: number }).orderId;
}

describe('services', () => {
	it('GET /service lists ids and GET /service/{id} returns serviceList.Service', async () => {
		const list = await ovh(sbx, 'GET', '/service');
		expect(list.json).toEqual([12345, 67890, 112233, 112234, 445566, 778899, 990011, 990022, 990033]);
		const vps = await ovh(sbx, 'GET', '/service/112233');
		expect(vps.status).toBe(200);
		expect(vps.json).toEqual({
			creationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			details: [],
			engagementDate: null,
			expirationDate: expiration(112233),
			nextBillingDate: expiration(112233),
			plan: { code: 'vps-value-1-2-40', product: { name: 'vps' } },
			quantity: 1,
			renew: {
				dayOfMonth: null,
				interval: 'P1M',
				mode: 'manual',
				possibleIntervals: ['P1M', 'P3M', 'P6M', 'P1Y'],
				possibleModes: ['automaticV2016', 'manual', 'deleteAtExpiration'],
			},
			resource: { displayName: 'vps112233.ovh.net', name: 'vps112233.ovh.net', state: 'ok' },
			route: { path: '/vps/{serviceName}', url: '/vps/vps112233.ovh.net', vars: [{ key: 'serviceName', value: 'vps112233.ovh.net' }] },
			state: 'ok',
		});
		const expired = await ovh(sbx, 'GET', '/service/990011');
		expect(expired.json).toMatchObject({ state: 'expired' });
	});

	it('404 for an unknown id, 400 for a non-numeric one', async () => {
		expectError(await ovh(sbx, 'GET', '/service/999999'), 404, 'This service does not exist');
		expectError(await ovh(sbx, 'GET', '/service/abc'), 400, /^The input provided isn't valid/);
		expectError(await ovh(sbx, 'GET', '/service/abc/renew'), 400, /^The input provided isn't valid/);
	});

	it('expiration dates are relative to the sandbox start (some within 30 days, some later, one past)', () => {
		const days = (id: number): number => Math.round((Date.parse(expiration(id)) - Date.parse(new Date().toISOString().slice(0, 10))) / 86_400_000);
		expect(days(778899)).toBe(5);
		expect(days(12345)).toBe(12);
		expect(days(112233)).toBe(25);
		expect(days(445566)).toBe(75);
		expect(days(990011)).toBe(-10);
	});

	it.each([
		['/domain/example-shop.ovh/serviceInfos', 12345],
		['/hosting/web/exampleshop.cluster021.hosting.ovh.net/serviceInfos', 67890],
		['/vps/vps112233.ovh.net/serviceInfos', 112233],
		['/dedicated/server/ns3012345.ip-51-91-0.eu/serviceInfos', 445566],
		['/ip/141.94.185.0%2F28/serviceInfos', 778899],
		['/ip/141.94.185.0%2f28/serviceInfos', 778899],
	])('GET %s → services.Service', async (path, serviceId) => {
		const r = await ovh(sbx, 'GET', path);
		expect(r.status).toBe(200);
		expect(Object.keys(r.json as object).sort()).toEqual(
			[
				'canDeleteAtExpiration',
				'contactAdmin',
				'contactBilling',
				'contactTech',
				'creation',
				'domain',
				'engagedUpTo',
				'expiration',
				'possibleRenewPeriod',
				'renew',
				'renewalType',
				'serviceId',
				'status',
			].sort(),
		);
		expect(r.json).toMatchObject({ serviceId, expiration: expiration(serviceId), status: 'ok' });
	});

	it('serviceInfos: an unencoded "/" in the service name is a 404, an unknown name too', async () => {
		expectError(await ovh(sbx, 'GET', '/ip/141.94.185.0/28/serviceInfos'), 404, 'Got an invalid (or empty) URL');
		expectError(await ovh(sbx, 'GET', '/vps/vps999.ovh.net/serviceInfos'), 404, 'This service does not exist');
		expectError(await ovh(sbx, 'GET', '/cdn/whatever/serviceInfos'), 404, 'Got an invalid (or empty) URL');
		const d = await ovh(sbx, 'GET', '/dedicated/server/ns3012345.ip-51-91-0.eu/serviceInfos');
		expect(d.json).toMatchObject({ renew: { automatic: true, period: 1 }, engagedUpTo: expiration(445566) });
	});
});

describe('renew strategies', () => {
	it("GET /service/12345/renew lists the guide's two P1Y strategies", async () => {
		const r = await ovh(sbx, 'GET', '/service/12345/renew');
		expect(r.status).toBe(200);
		expect(r.json).toEqual([
			{
				renewPeriod: 'P1Y',
				strategies: [
					{
						price: { value: 1.99, currencyCode: 'EUR', text: '1.99 €', priceInUcents: 199000000 },
						priceInUcents: 199000000,
						services: [12345],
						servicesDetails: [{ serviceId: 12345, serviceName: 'example-shop.ovh', serviceType: 'Domain .ovh' }],
					},
					{
						price: { value: 37.87, currencyCode: 'EUR', text: '37.87 €', priceInUcents: 3787000000 },
						priceInUcents: 3787000000,
						services: [67890, 12345],
						servicesDetails: [
							{ serviceId: 67890, serviceName: 'exampleshop.cluster021.hosting.ovh.net', serviceType: 'Hosting Perso 2014' },
							{ serviceId: 12345, serviceName: 'example-shop.ovh', serviceType: 'Domain .ovh' },
						],
					},
				],
			},
		]);
		// the bundle is offered from the hosting too (and the hosting alone is not renewable)
		const h = await ovh(sbx, 'GET', '/service/67890/renew');
		expect(h.json).toEqual([{ renewPeriod: 'P1Y', strategies: [expect.objectContaining({ services: [67890, 12345] })] }]);
	});

	it('includeOptions=true adds the option strategies; other values are a 400', async () => {
		const periods = (j: unknown): string[] => (j as Array<{ renewPeriod: string }>).map((d) => d.renewPeriod);
		const count = (j: unknown): number => (j as Array<{ strategies: unknown[] }>).reduce((n, d) => n + d.strategies.length, 0);
		const plain = await ovh(sbx, 'GET', '/service/112233/renew');
		expect(periods(plain.json)).toEqual(['P1M', 'P3M', 'P6M', 'P1Y']);
		expect(count(plain.json)).toBe(4);
		expect(count((await ovh(sbx, 'GET', '/service/112233/renew?includeOptions=false')).json)).toBe(4);
		const withOptions = await ovh(sbx, 'GET', '/service/112233/renew?includeOptions=true');
		expect(count(withOptions.json)).toBe(6);
		expect((withOptions.json as Array<{ strategies: Array<{ services: number[] }> }>)[0].strategies[1].services).toEqual([112233, 112234]);
		expectError(await ovh(sbx, 'GET', '/service/112233/renew?includeOptions=True'), 400, /'includeOptions' must be a boolean/);
		expectError(await ovh(sbx, 'GET', '/service/112233/renew?includeOptions=1'), 400, /'includeOptions' must be a boolean/);
		expectError(await ovh(sbx, 'GET', '/service/424242/renew'), 404, 'This service does not exist');
	});
});

describe("the OVH guide's flow", () => {
	it('renew hosting + domain (45.44 with tax), pay with paypal 1234, checking → delivered, expirations +1 year once', async () => {
		const domainBefore = expiration(12345);
		const hostingBefore = expiration(67890);
		const ordersBefore = (await ovh(sbx, 'GET', '/me/order')).json as number[];

		const r = await ovh(sbx, 'POST', '/service/12345/renew', {
			body: { dryRun: false, duration: 'P1Y', services: [67890, 12345] },
		});
		expect(r.status).toBe(200);
		const order = r.json as Record<string, unknown>;
		expect(order).toEqual({
			orderId: expect.any(Number),
			date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/),
			expirationDate: expect.any(String),
			password: expect.stringMatching(/^[A-Za-z0-9]{4}$/),
			url: expect.stringContaining(`/__sandbox/orders/${String(order.orderId)}`),
			pdfUrl: expect.stringContaining(`/__sandbox/orders/${String(order.orderId)}`),
			priceWithTax: { value: 45.44, currencyCode: 'EUR', text: '45.44 €', priceInUcents: 4544000000 },
			priceWithoutTax: { value: 37.87, currencyCode: 'EUR', text: '37.87 €', priceInUcents: 3787000000 },
			tax: { value: 7.57, currencyCode: 'EUR', text: '7.57 €', priceInUcents: 757000000 },
			retractionDate: null,
		});
		expect(Date.parse(order.expirationDate as string) - Date.parse(order.date as string)).toBe(86_400_000);
		const id = order.orderId as number;

		expect((await ovh(sbx, 'GET', '/me/order')).json).toEqual([...ordersBefore, id]);
		const billing = await ovh(sbx, 'GET', `/me/order/${id}`);
		expect(billing.json).toEqual({ ...order, orderId: id });
		expect((await ovh(sbx, 'GET', `/me/order/${id}/status`)).json).toBe('notPaid');
		const details = (await ovh(sbx, 'GET', `/me/order/${id}/details`)).json as number[];
		expect(details).toHaveLength(2);
		const d0 = await ovh(sbx, 'GET', `/me/order/${id}/details/${details[0]}`);
		expect(d0.json).toEqual({
			cancelled: false,
			description: expect.stringContaining('exampleshop.cluster021.hosting.ovh.net'),
			detailType: 'RENEW',
			domain: 'exampleshop.cluster021.hosting.ovh.net',
			orderDetailId: details[0],
			quantity: '1',
			totalPrice: expect.objectContaining({ value: 35.88 }),
			unitPrice: expect.objectContaining({ value: 35.88 }),
		});
		expectError(await ovh(sbx, 'GET', `/me/order/${id}/details/1`), 404, /does not exist/);
		const means = await ovh(sbx, 'GET', `/me/order/${id}/availableRegisteredPaymentMean`);
		expect(means.json).toEqual(
			expect.arrayContaining([{ paymentMean: 'paypal' }, { paymentMean: 'bankAccount' }, { paymentMean: 'creditCard' }]),
		);

		const pay = await ovh(sbx, 'POST', `/me/order/${id}/payWithRegisteredPaymentMean`, {
			body: { paymentMean: 'paypal', paymentMeanId: 1234 },
		});
		expect(pay.status).toBe(200);
		expect(pay.text).toBe('null');
		expect((await ovh(sbx, 'GET', `/me/order/${id}/status`)).json).toBe('checking');
		expect(expiration(12345)).toBe(domainBefore);

		await sleep(DELIVERY_MS + 50);
		expect((await ovh(sbx, 'GET', `/me/order/${id}/status`)).json).toBe('delivered');
		expect(expiration(12345)).toBe(plusOneYear(domainBefore));
		expect(expiration(67890)).toBe(plusOneYear(hostingBefore));
		// applied exactly once
		await ovh(sbx, 'GET', `/me/order/${id}/status`);
		await ovh(sbx, 'GET', '/service/12345');
		expect((await ovh(sbx, 'GET', '/domain/example-shop.ovh/serviceInfos')).json).toMatchObject({
			expiration: plusOneYear(domainBefore),
		});
		expect((await ovh(sbx, 'GET', '/service/67890')).json).toMatchObject({ expirationDate: plusOneYear(hostingBefore) });

		// paying twice is refused
		const again = await ovh(sbx, 'POST', `/me/order/${id}/payWithRegisteredPaymentMean`, {
			body: { paymentMean: 'paypal', paymentMeanId: 1234 },
		});
		expectError(again, 409, 'This order is already paid');
		expect((again.json as { class: string }).class).toBe('Client::Conflict');
	});

	it('the VPS: P3M for itself alone, paid with a payment method (POST /me/order/{id}/pay)', async () => {
		const before = expiration(112233);
		const id = await createOrder([112233], 'P3M', 112233);
		expect((await ovh(sbx, 'GET', `/me/order/${id}`)).json).toMatchObject({ priceWithTax: { value: 21.6 } });
		const pay = await ovh(sbx, 'POST', `/me/order/${id}/pay`, { body: { paymentMethod: { id: 1111 } } });
		expect(pay.status).toBe(200);
		expect(pay.json).toBeNull();
		await sleep(DELIVERY_MS + 50);
		expect((await ovh(sbx, 'GET', `/me/order/${id}/status`)).json).toBe('delivered');
		const [y, m, d] = before.split('-').map(Number);
		const expected = new Date(Date.UTC(y, m - 1 + 3, Math.min(d, new Date(Date.UTC(y, m + 2, 0)).getUTCDate())))
			.toISOString()
			.slice(0, 10);
		expect(expiration(112233)).toBe(expected);
		expectError(await ovh(sbx, 'POST', `/me/order/${id}/pay`, { body: { paymentMethod: { id: 1111 } } }), 409, 'This order is already paid');
	});

	it('renewing an expired service brings it back to ok', async () => {
		const id = await createOrder([990011], 'P1Y', 990011);
		await ovh(sbx, 'POST', `/me/order/${id}/payWithRegisteredPaymentMean`, { body: { paymentMean: 'ovhAccount' } });
		await admin(sbx, 'POST', `/orders/${id}/deliver`);
		expect((await ovh(sbx, 'GET', '/domain/old-project.fr/serviceInfos')).json).toMatchObject({ status: 'ok' });
		expect((await ovh(sbx, 'GET', '/service/990011')).json).toMatchObject({ state: 'ok' });
	});
});

describe('POST /service/{id}/renew validation', () => {
	const post = (body: unknown, id = 12345) => ovh(sbx, 'POST', `/service/${id}/renew`, { body });

	it.each([
		[{ services: [12345] }, "The input provided isn't valid: 'duration' is a required property"],
		[{ duration: 'P1Y' }, "The input provided isn't valid: 'services' is a required property"],
		[{}, "The input provided isn't valid: 'duration' is a required property"],
		[{ duration: '1Y', services: [12345] }, /'duration' must be an ISO-8601 duration/],
		[{ duration: 'P', services: [12345] }, /'duration' must be an ISO-8601 duration/],
		[{ duration: 'PT', services: [12345] }, /'duration' must be an ISO-8601 duration/],
		[{ duration: 12, services: [12345] }, /'duration' must be an ISO-8601 duration/],
		[{ duration: 'P1Y', services: 12345 }, /'services' must be an array of service ids/],
		[{ duration: 'P1Y', services: ['12345'] }, /'services' must be an array of service ids/],
		[{ duration: 'P1Y', services: [0] }, /'services' must be an array of service ids/],
		[{ duration: 'P1Y', services: [1.5] }, /'services' must be an array of service ids/],
		[{ duration: 'P1Y', services: [] }, /'services' must not be empty/],
		[{ duration: 'P1Y', services: [12345, 12345] }, /duplicate/],
		[{ duration: 'P1Y', services: [12345], dryRun: 'yes' }, /'dryRun' must be a boolean/],
		[{ duration: 'P1Y', services: [12345], force: true }, 'Received not described parameters: (force)'],
		[{ duration: 'P2Y', services: [12345] }, 'No renew strategy matches duration P2Y for services [12345]'],
		[{ duration: 'P12M', services: [12345] }, 'No renew strategy matches duration P12M for services [12345]'],
		[{ duration: 'P1Y', services: [67890] }, "Service 12345 must be part of 'services' (got [67890])"],
		[{ duration: 'P1Y', services: [12345, 112233] }, 'No renew strategy matches duration P1Y for services [12345,112233]'],
	])('%j → 400 %s', async (body, message) => {
		expectError(await post(body), 400, message);
	});

	it('rejects a body that is not a JSON object', async () => {
		expectError(await ovh(sbx, 'POST', '/service/12345/renew', { rawBody: '{"duration":' }), 400, /not valid JSON/);
		expectError(await ovh(sbx, 'POST', '/service/12345/renew', { rawBody: '[1]' }), 400, /must be a JSON object/);
	});

	it('404 for an unknown service with a valid body; the hosting alone has no strategy', async () => {
		expectError(await post({ duration: 'P1Y', services: [424242] }, 424242), 404, 'This service does not exist');
		expectError(await post({ duration: 'P1Y', services: [67890] }, 67890), 400, 'No renew strategy matches duration P1Y for services [67890]');
	});

	it('accepts the strategy in any order of services, and option strategies', async () => {
		expect((await post({ duration: 'P1Y', services: [12345, 67890] })).status).toBe(200);
		expect((await post({ duration: 'P1M', services: [112234, 112233] }, 112233)).status).toBe(200);
	});

	it('dryRun: true returns the prices, null order fields, and creates no order', async () => {
		const before = sbx.state().orders.length;
		const nextId = sbx.state().nextOrderId;
		const r = await post({ dryRun: true, duration: 'P1Y', services: [67890, 12345] });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			orderId: null,
			password: null,
			url: null,
			pdfUrl: null,
			retractionDate: null,
			priceWithTax: { value: 45.44, text: '45.44 €' },
			priceWithoutTax: { value: 37.87 },
			tax: { value: 7.57 },
		});
		expect(sbx.state().orders.length).toBe(before);
		expect(sbx.state().nextOrderId).toBe(nextId);
		expect(((await ovh(sbx, 'GET', '/me/order')).json as number[]).length).toBe(before);
	});
});

describe('payment validation', () => {
	const payReg = (id: number, body: unknown) => ovh(sbx, 'POST', `/me/order/${id}/payWithRegisteredPaymentMean`, { body });

	it.each([
		[{}, "The input provided isn't valid: 'paymentMean' is a required property"],
		[{ paymentMean: 'bitcoin' }, /'paymentMean' must be one of bankAccount, creditCard/],
		[{ paymentMean: 'paypal' }, "The input provided isn't valid: 'paymentMeanId' is mandatory for bankAccount, creditCard and paypal"],
		[{ paymentMean: 'creditCard' }, /'paymentMeanId' is mandatory/],
		[{ paymentMean: 'bankAccount' }, /'paymentMeanId' is mandatory/],
		[{ paymentMean: 'paypal', paymentMeanId: '1234' }, /'paymentMeanId' must be a positive integer/],
		[{ paymentMean: 'paypal', paymentMeanId: 9999 }, 'Registered payment mean paypal #9999 does not exist'],
		[{ paymentMean: 'paypal', paymentMeanId: 5678 }, 'Registered payment mean paypal #5678 does not exist'],
		[{ paymentMean: 'CREDIT_CARD' }, /use POST \/me\/order\/\{orderId\}\/pay/],
		[{ paymentMean: 'paypal', paymentMeanId: 1234, extra: 1 }, 'Received not described parameters: (extra)'],
	])('payWithRegisteredPaymentMean %j → 400 %s', async (body, message) => {
		const id = await createOrder();
		expectError(await payReg(id, body), 400, message);
		expect((await ovh(sbx, 'GET', `/me/order/${id}/status`)).json).toBe('notPaid');
	});

	it.each([
		[{}, "The input provided isn't valid: 'paymentMethod' is a required property"],
		[{ paymentMethod: 1111 }, /'paymentMethod' must be an object/],
		[{ paymentMethod: {} }, /'paymentMethod.id' is a required property/],
		[{ paymentMethod: { id: 'x' } }, /'paymentMethod.id' must be a positive integer/],
		[{ paymentMethod: { id: 4444 } }, 'Payment method 4444 does not exist'],
		[{ paymentMethod: { id: 3333 } }, 'Payment method 3333 cannot be used (status EXPIRED)'],
	])('pay %j → 400 %s', async (body, message) => {
		const id = await createOrder();
		expectError(await ovh(sbx, 'POST', `/me/order/${id}/pay`, { body }), 400, message);
	});

	it('means without an id (ovhAccount, fidelityAccount, deferredPaymentAccount) pay without paymentMeanId', async () => {
		for (const mean of ['ovhAccount', 'fidelityAccount', 'deferredPaymentAccount']) {
			const id = await createOrder();
			expect((await payReg(id, { paymentMean: mean })).status).toBe(200);
			expect(sbx.state().orders.find((o) => o.orderId === id)?.payment).toMatchObject({ paymentMean: mean });
		}
		const id = await createOrder();
		expect((await payReg(id, { paymentMean: 'bankAccount', paymentMeanId: 5678 })).status).toBe(200);
	});

	it('unknown order → 404; cancelled → 400; expired (admin or sandbox clock) → 400', async () => {
		expectError(await payReg(1, { paymentMean: 'ovhAccount' }), 404, 'The requested object (orderId = 1) does not exist');
		expectError(await ovh(sbx, 'GET', '/me/order/1/status'), 404, /does not exist/);
		expectError(await ovh(sbx, 'GET', '/me/order/1'), 404, /does not exist/);

		const cancelled = await createOrder();
		await admin(sbx, 'POST', `/orders/${cancelled}/cancel`);
		expectError(await payReg(cancelled, { paymentMean: 'ovhAccount' }), 400, 'This order has been cancelled');

		const expiredByAdmin = await createOrder();
		expect((await admin(sbx, 'POST', `/orders/${expiredByAdmin}/expire`)).status).toBe(200);
		expectError(await payReg(expiredByAdmin, { paymentMean: 'ovhAccount' }), 400, 'This order has expired');

		const expiredByClock = await createOrder();
		expect((await payReg(expiredByClock, { paymentMean: 'ovhAccount' })).status).toBe(200); // fine while fresh
		const later = await createOrder();
		sbx.setClockOffset(86_400 + 60);
		expectError(await payReg(later, { paymentMean: 'ovhAccount' }), 400, 'This order has expired');
		expectError(await ovh(sbx, 'POST', `/me/order/${later}/pay`, { body: { paymentMethod: { id: 1111 } } }), 400, 'This order has expired');
		expect((await ovh(sbx, 'GET', `/me/order/${later}/status`)).json).toBe('notPaid');
	});

	it('the order is delivered on the sandbox clock (moving the clock delivers it)', async () => {
		const sandboxSlow = await startSandbox({ quiet: true, deliveryDelayMs: 3_600_000 });
		try {
			const r = await ovh(sandboxSlow, 'POST', '/service/112233/renew', { body: { duration: 'P1M', services: [112233] } });
			const id = (r.json as { orderId: number }).orderId;
			await ovh(sandboxSlow, 'POST', `/me/order/${id}/pay`, { body: { paymentMethod: { id: 2222 } } });
			expect((await ovh(sandboxSlow, 'GET', `/me/order/${id}/status`)).json).toBe('checking');
			sandboxSlow.setClockOffset(3601);
			expect((await ovh(sandboxSlow, 'GET', `/me/order/${id}/status`)).json).toBe('delivered');
		} finally {
			await sandboxSlow.close();
		}
	});
});

describe('orders and payment methods listing', () => {
	it('GET /me/order filters on date.from / date.to; bad dates are a 400', async () => {
		const id = await createOrder();
		const all = (await ovh(sbx, 'GET', '/me/order')).json as number[];
		expect(all).toEqual([240000001, id]);
		const now = new Date(sbx.serverTime() * 1000);
		const from = new Date(now.getTime() - 86_400_000).toISOString();
		expect((await ovh(sbx, 'GET', `/me/order?date.from=${encodeURIComponent(from)}`)).json).toEqual([id]);
		const to = new Date(now.getTime() - 30 * 86_400_000).toISOString();
		expect((await ovh(sbx, 'GET', `/me/order?date.to=${encodeURIComponent(to)}`)).json).toEqual([240000001]);
		expectError(await ovh(sbx, 'GET', '/me/order?date.from=yesterday'), 400, /'date.from' must be an ISO-8601 datetime/);
		expect((await ovh(sbx, 'GET', '/me/order/240000001/status')).json).toBe('delivered');
	});

	it('GET /me/payment/method with filters, and each method', async () => {
		expect((await ovh(sbx, 'GET', '/me/payment/method')).json).toEqual([1111, 2222, 3333]);
		expect((await ovh(sbx, 'GET', '/me/payment/method?default=true')).json).toEqual([1111]);
		expect((await ovh(sbx, 'GET', '/me/payment/method?paymentType=CREDIT_CARD&status=VALID')).json).toEqual([1111]);
		expect((await ovh(sbx, 'GET', '/me/payment/method?status=EXPIRED')).json).toEqual([3333]);
		expectError(await ovh(sbx, 'GET', '/me/payment/method?default=yes'), 400, /'default' must be a boolean/);
		const m = await ovh(sbx, 'GET', '/me/payment/method/2222');
		expect(m.json).toMatchObject({
			paymentMethodId: 2222,
			paymentType: 'SEPA_DIRECT_DEBIT',
			label: 'FR76 **** **** 1234',
			default: false,
			status: 'VALID',
			paymentMeanId: 5678,
			description: 'Company bank account',
			creationDate: expect.stringMatching(/^\d{4}-/),
		});
		expectError(await ovh(sbx, 'GET', '/me/payment/method/9'), 404, /does not exist/);
	});
});
