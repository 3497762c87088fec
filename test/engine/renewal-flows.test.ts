// The renewal guide's flows end to end in n8n's engine against the OVH sandbox: Manual Trigger → Get Service Info →
// List Renew Strategies → Create Renew Order → Pay Order, fields mapped with expressions; re-runs never order or pay
// twice; dry runs, strategy checks, List's output shapes and the editor's dropdowns.
import type { INodeParameters } from 'n8n-workflow';

import type { RunningSandbox } from '../../sandbox';
import { runLoadOptions } from '../harness';
import {
	CREDENTIAL_TYPES,
	OvhCreateRenewOrder,
	OvhPayOrder,
	addPeriod,
	admin,
	byId,
	callList,
	calls,
	createOrderNode,
	expectNoSecrets,
	failure,
	getServiceInfoNode,
	listStrategiesNode,
	newOrders,
	payOrderNode,
	posts as postsOf,
	runNodes,
	runOne,
	ovhCredentialStore,
	serviceExpiration,
	sleepMs,
	useSandbox,
} from './renewal-helpers';

const DELIVERY_DELAY_MS = 150;
const WAIT_FOR_DELIVERY = { waitForDelivery: true, pollIntervalSeconds: 1, deliveryTimeoutSeconds: 10, maxAmount: 100 };

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: DELIVERY_DELAY_MS });
beforeEach(() => {
	sbx = sandbox();
});


function posts() {
	return postsOf(sbx);
}

function paymentPosts() {
	return calls(sbx, 'POST', '/me/order/*/pay*');
}

const domainChain = (payOptions: INodeParameters = WAIT_FOR_DELIVERY) => [
	getServiceInfoNode({ lookup: 'byName', product: 'domain', serviceName: 'example-shop.ovh' }),
	listStrategiesNode({ filters: { renewPeriod: 'P1Y', onlyThisService: true } }),
	createOrderNode(),
	payOrderNode({ options: payOptions }),
];

describe('the renewal guide, end to end', () => {
	it('renews the domain alone for P1Y at 1.99 (2.39 with tax), paid with PayPal 1234 and delivered', async () => {
		const before = serviceExpiration(sbx, 12345);
		const hostingBefore = serviceExpiration(sbx, 67890);

		const result = await runNodes(sbx, domainChain());

		expect(result.status).toBe('success');
		expect(result.executionOrder).toEqual([
			'Manual Trigger',
			'Get Service Info',
			'List Renew Strategies',
			'Create Renew Order',
			'Pay Order',
		]);
		expect(result.json('Get Service Info')).toEqual([
			expect.objectContaining({ serviceId: 12345, serviceName: 'example-shop.ovh', product: 'domain', expiration: before }),
		]);
		expect(result.json('List Renew Strategies')).toEqual([
			expect.objectContaining({ serviceId: 12345, renewPeriod: 'P1Y', services: [12345], onlyThisService: true }),
		]);
		const [created] = result.json('Create Renew Order');
		expect(created).toMatchObject({
			serviceId: 12345,
			duration: 'P1Y',
			services: [12345],
			dryRun: false,
			reused: false,
			status: 'notPaid',
			alreadyPaid: false,
			priceWithoutTax: { value: 1.99, currencyCode: 'EUR' },
			priceWithTax: { value: 2.39, currencyCode: 'EUR', text: '2.39 €' },
			tax: { value: 0.4 },
			expectedPrice: { value: 1.99 },
		});
		expect(created.orderId).toBe(240000101);
		expect(result.json('Pay Order')).toEqual([
			expect.objectContaining({
				orderId: 240000101,
				amount: 2.39,
				currency: 'EUR',
				amountText: '2.39 €',
				amountWithoutTax: 1.99,
				paid: true,
				alreadyPaid: false,
				status: 'delivered',
				delivered: true,
				payWith: 'registeredPaymentMean',
				paymentMean: 'paypal',
				paymentMeanId: 1234,
			}),
		]);

		// What reached OVH: the renew POST with the strategy's exact duration and services, one payment.
		expect(calls(sbx, 'POST', '/service/*/renew').map((r) => [r.path, r.body])).toEqual([
			['/service/12345/renew', { dryRun: false, duration: 'P1Y', services: [12345] }],
		]);
		expect(paymentPosts().map((r) => [r.path, r.body, r.status])).toEqual([
			['/me/order/240000101/payWithRegisteredPaymentMean', { paymentMean: 'paypal', paymentMeanId: 1234 }, 200],
		]);

		const orders = newOrders(sbx);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({
			orderId: 240000101,
			services: [12345],
			duration: 'P1Y',
			priceWithTax: 2.39,
			status: 'delivered',
			extensionApplied: true,
			payment: { via: 'payWithRegisteredPaymentMean', paymentMean: 'paypal', paymentMeanId: 1234 },
		});
		expect(serviceExpiration(sbx, 12345)).toBe(addPeriod(before, 'P1Y'));
		expect(serviceExpiration(sbx, 67890)).toBe(hostingBefore);
		expectNoSecrets(result);
	});

	it('renews the hosting together with its domain for P1Y at 37.87 → 45.44 with tax', async () => {
		const domainBefore = serviceExpiration(sbx, 12345);
		const hostingBefore = serviceExpiration(sbx, 67890);

		const result = await runNodes(sbx, [
			getServiceInfoNode({ lookup: 'byName', product: 'hosting/web', serviceName: 'exampleshop.cluster021.hosting.ovh.net' }),
			listStrategiesNode({}),
			createOrderNode(),
			payOrderNode({ options: { maxAmount: 50 } }),
		]);

		expect(result.status).toBe('success');
		// The hosting alone is not renewable: its only strategy is the bundle with the domain.
		expect(result.json('List Renew Strategies')).toEqual([
			expect.objectContaining({
				serviceId: 67890,
				renewPeriod: 'P1Y',
				services: [67890, 12345],
				onlyThisService: false,
				price: expect.objectContaining({ value: 37.87, currencyCode: 'EUR' }) as unknown,
			}),
		]);
		expect(result.json('Create Renew Order')[0]).toMatchObject({
			orderId: 240000101,
			services: [67890, 12345],
			priceWithoutTax: { value: 37.87 },
			tax: { value: 7.57 },
			priceWithTax: { value: 45.44, text: '45.44 €' },
		});
		expect(result.json('Pay Order')[0]).toMatchObject({ orderId: 240000101, amount: 45.44, paid: true, status: 'checking' });
		expect(calls(sbx, 'POST', '/service/*/renew').map((r) => [r.path, r.body])).toEqual([
			['/service/67890/renew', { dryRun: false, duration: 'P1Y', services: [67890, 12345] }],
		]);
		expect(paymentPosts()).toHaveLength(1);

		// No Wait for Delivery here: the sandbox delivers after its delay.
		await sleepMs(DELIVERY_DELAY_MS + 100);
		const orders = newOrders(sbx);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({ status: 'delivered', priceWithTax: 45.44, extensionApplied: true });
		expect(serviceExpiration(sbx, 12345)).toBe(addPeriod(domainBefore, 'P1Y'));
		expect(serviceExpiration(sbx, 67890)).toBe(addPeriod(hostingBefore, 'P1Y'));
		expectNoSecrets(result);
	});

	it("follows the guide's VPS example: P3M for the VPS alone, paid with PayPal 1234", async () => {
		const before = serviceExpiration(sbx, 112233);
		const optionBefore = serviceExpiration(sbx, 112234);

		const result = await runNodes(sbx, [
			getServiceInfoNode({ lookup: 'byName', product: 'vps', serviceName: 'vps112233.ovh.net' }),
			listStrategiesNode({ filters: { renewPeriod: 'P3M', onlyThisService: true } }),
			createOrderNode(),
			payOrderNode({ options: WAIT_FOR_DELIVERY }),
		]);

		expect(result.status).toBe('success');
		expect(result.json('Get Service Info')[0]).toMatchObject({ serviceId: 112233, product: 'vps' });
		expect(result.json('List Renew Strategies')).toEqual([
			expect.objectContaining({
				serviceId: 112233,
				renewPeriod: 'P3M',
				services: [112233],
				price: expect.objectContaining({ value: 18 }) as unknown,
			}),
		]);
		expect(result.json('Pay Order')[0]).toMatchObject({
			orderId: 240000101,
			amount: 21.6,
			amountWithoutTax: 18,
			paid: true,
			status: 'delivered',
			delivered: true,
			paymentMean: 'paypal',
			paymentMeanId: 1234,
		});
		expect(calls(sbx, 'POST', '/service/*/renew').map((r) => r.body)).toEqual([
			{ dryRun: false, duration: 'P3M', services: [112233] },
		]);
		expect(paymentPosts().map((r) => r.body)).toEqual([{ paymentMean: 'paypal', paymentMeanId: 1234 }]);
		const orders = newOrders(sbx);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({ status: 'delivered', duration: 'P3M', services: [112233] });
		expect(serviceExpiration(sbx, 112233)).toBe(addPeriod(before, 'P3M'));
		// The backup option was not part of the order.
		expect(serviceExpiration(sbx, 112234)).toBe(optionBefore);
		expectNoSecrets(result);
	});
});

describe('re-running never orders or pays twice', () => {
	it('the same Pay Order workflow executed twice pays once; the second run reports alreadyPaid', async () => {
		const created = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byId(12345), duration: 'P1Y' });
		const orderId = created.json('Node')[0].orderId as number;
		const pay = () =>
			runNodes(sbx, [payOrderNode({ orderId: String(orderId), options: { maxAmount: 10 } })]);

		const first = await pay();
		const second = await pay();

		expect(first.status).toBe('success');
		expect(first.json('Pay Order')[0]).toMatchObject({ orderId, paid: true, alreadyPaid: false });
		expect(second.status).toBe('success');
		expect(second.json('Pay Order')[0]).toMatchObject({ orderId, paid: false, alreadyPaid: true, amount: 2.39 });
		expect(calls(sbx, 'POST', '/me/order/*/payWithRegisteredPaymentMean')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);
	});

	it('the whole chain executed twice creates one order and one payment (Reuse Recent Order is on by default)', async () => {
		const before = serviceExpiration(sbx, 12345);
		const first = await runNodes(sbx, domainChain({ maxAmount: 10 }));
		const second = await runNodes(sbx, domainChain({ maxAmount: 10 }));

		expect(first.status).toBe('success');
		expect(second.status).toBe('success');
		expect(second.json('Create Renew Order')[0]).toMatchObject({ orderId: 240000101, reused: true, alreadyPaid: true });
		expect(second.json('Pay Order')[0]).toMatchObject({ orderId: 240000101, paid: false, alreadyPaid: true });
		expect(calls(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(calls(sbx, 'POST', '/me/order/*/payWithRegisteredPaymentMean')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);

		await sleepMs(DELIVERY_DELAY_MS + 100);
		expect(serviceExpiration(sbx, 12345)).toBe(addPeriod(before, 'P1Y'));
	});

	it('a chain whose Pay step failed reuses the unpaid order on the next run and pays it', async () => {
		const failed = await runNodes(sbx, domainChain({ maxAmount: 1 }));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toContain('above Max Amount 1 EUR');

		const again = await runNodes(sbx, domainChain({ maxAmount: 3 }));
		expect(again.status).toBe('success');
		expect(again.json('Create Renew Order')[0]).toMatchObject({ orderId: 240000101, reused: true, status: 'notPaid', alreadyPaid: false });
		expect(again.json('Pay Order')[0]).toMatchObject({ orderId: 240000101, paid: true });
		expect(calls(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(paymentPosts()).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);
	});
});

describe('Reuse Recent Order', () => {
	const createVps = (duration: string, options: INodeParameters = {}) =>
		runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byId(112233), duration, options });

	it('does not reuse an order of the same service for another period', async () => {
		const monthly = await createVps('P1M');
		const quarterly = await createVps('P3M');
		const quarterlyAgain = await createVps('P3M');

		expect(monthly.json('Node')[0]).toMatchObject({ orderId: 240000101, reused: false, priceWithoutTax: { value: 6 } });
		expect(quarterly.json('Node')[0]).toMatchObject({
			orderId: 240000102,
			duration: 'P3M',
			reused: false,
			priceWithoutTax: { value: 18 },
			priceWithTax: { value: 21.6 },
		});
		expect(quarterlyAgain.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: true, priceWithoutTax: { value: 18 } });
		expect(newOrders(sbx).map((o) => [o.orderId, o.duration])).toEqual([
			[240000101, 'P1M'],
			[240000102, 'P3M'],
		]);
		expect(calls(sbx, 'POST', '/service/*/renew')).toHaveLength(2);
	});

	it.each(['expire', 'cancel'])('does not reuse an order that OVH made unpayable (%s): a new one is created', async (action) => {
		await createVps('P1M');
		await admin(sbx, 'POST', `/orders/240000101/${action}`);
		const again = await createVps('P1M');
		expect(again.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: false, status: 'notPaid' });
		expect(calls(sbx, 'POST', '/service/*/renew')).toHaveLength(2);
	});

	it('turned off, a second run creates a second order', async () => {
		await createVps('P1M');
		const again = await createVps('P1M', { reuseRecentOrder: false });
		expect(again.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: false });
		expect(calls(sbx, 'GET', '/me/order')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(2);
	});

	it('ignores orders older than the window', async () => {
		await createVps('P1M');
		const order = sbx.state().orders.find((o) => o.orderId === 240000101);
		if (!order) throw new Error('order 240000101 missing');
		order.date = new Date(Date.now() - 2 * 3_600_000).toISOString();
		const again = await createVps('P1M', { recentOrderWindowHours: 1 });
		expect(again.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: false });
		const sameWindow = await createVps('P1M', { recentOrderWindowHours: 3 });
		expect(sameWindow.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: true });
	});
});

describe('Create Renew Order', () => {
	it('dry run: returns the price, creates no order and returns orderId null', async () => {
		const ordersBefore = sbx.state().orders.length;
		const nextId = sbx.state().nextOrderId;

		const result = await runOne(sbx, 'ovhCreateRenewOrder', {
			serviceId: byId(67890),
			duration: 'P1Y',
			services: '67890, 12345',
			dryRun: true,
		});

		expect(result.status).toBe('success');
		expect(result.json('Node')).toEqual([
			expect.objectContaining({
				orderId: null,
				dryRun: true,
				status: null,
				reused: false,
				services: [67890, 12345],
				priceWithTax: expect.objectContaining({ value: 45.44 }) as unknown,
			}),
		]);
		expect(calls(sbx, 'POST', '/service/67890/renew').map((r) => r.body)).toEqual([
			{ dryRun: true, duration: 'P1Y', services: [67890, 12345] },
		]);
		// A dry run does not look for recent orders either.
		expect(calls(sbx, 'GET', '/me/order')).toHaveLength(0);
		expect(sbx.state().orders).toHaveLength(ordersBefore);
		expect(sbx.state().nextOrderId).toBe(nextId);
	});

	it("sends the guide's exact POST body for the hosting + domain bundle", async () => {
		const result = await runOne(sbx, 'ovhCreateRenewOrder', {
			serviceId: byId(12345),
			duration: 'P1Y',
			services: '67890, 12345',
		});
		expect(result.status).toBe('success');
		expect(calls(sbx, 'POST').map((r) => [r.path, r.body])).toEqual([
			['/service/12345/renew', { dryRun: false, duration: 'P1Y', services: [67890, 12345] }],
		]);
		expect(result.json('Node')[0]).toMatchObject({ orderId: 240000101, priceWithTax: { value: 45.44 } });
	});

	it.each([
		['a period OVH does not offer', 12345, 'P2Y', '', 'renew services [12345] for P2Y'],
		['the hosting alone (only sold with its domain)', 67890, 'P1Y', '67890', 'renew services [67890] for P1Y'],
		['the VPS with its backup for P6M (bundle offered for P1M/P3M only)', 112233, 'P6M', '112233,112234', 'renew services [112233, 112234] for P6M'],
	])('Verify Strategy refuses %s before any POST and lists the offers', async (_label, serviceId, duration, services, fragment) => {
		const result = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byId(serviceId), duration, services });

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe(`OVH does not offer to ${fragment} (item 1)`);
		expect(description).toContain('OVH offers: ');
		expect(description).toContain('turn off Verify Strategy');
		expect(calls(sbx, 'GET', `/service/${serviceId}/renew`)).toHaveLength(1);
		expect(calls(sbx, 'GET', `/service/${serviceId}/renew`)[0].query).toEqual({ includeOptions: 'true' });
		expect(posts()).toHaveLength(0);
		expect(sbx.state().orders).toHaveLength(1);
	});

	it('the offers listed by Verify Strategy name every period, service combination and price', async () => {
		const result = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byId(12345), duration: 'P2Y' });
		expect(failure(result).description).toContain(
			'OVH offers: P1Y for services [12345] at 1.99 €; P1Y for services [67890, 12345] at 37.87 €.',
		);
		const vps = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byId(112233), duration: 'P2Y' });
		expect(failure(vps).description).toContain(
			'OVH offers: P1M for services [112233] at 6.00 €; P1M for services [112233, 112234] at 8.40 €; ' +
				'P3M for services [112233] at 18.00 €; P3M for services [112233, 112234] at 25.20 €; ' +
				'P6M for services [112233] at 34.20 €; P1Y for services [112233] at 64.80 €.',
		);
	});
});

describe('List Renew Strategies output', () => {
	it('one flat item per strategy with serviceId, renewPeriod, services, servicesDetails, price, priceInUcents, onlyThisService', async () => {
		const result = await runOne(sbx, 'ovhListRenewStrategies', { serviceId: byId(12345) });

		expect(result.status).toBe('success');
		expect(result.json('Node')).toEqual([
			{
				serviceId: 12345,
				renewPeriod: 'P1Y',
				services: [12345],
				servicesDetails: [{ serviceId: 12345, serviceName: 'example-shop.ovh', serviceType: 'Domain .ovh' }],
				price: { value: 1.99, currencyCode: 'EUR', text: '1.99 €', priceInUcents: 199000000 },
				priceInUcents: 199000000,
				onlyThisService: true,
			},
			{
				serviceId: 12345,
				renewPeriod: 'P1Y',
				services: [67890, 12345],
				servicesDetails: [
					{ serviceId: 67890, serviceName: 'exampleshop.cluster021.hosting.ovh.net', serviceType: 'Hosting Perso 2014' },
					{ serviceId: 12345, serviceName: 'example-shop.ovh', serviceType: 'Domain .ovh' },
				],
				price: { value: 37.87, currencyCode: 'EUR', text: '37.87 €', priceInUcents: 3787000000 },
				priceInUcents: 3787000000,
				onlyThisService: false,
			},
		]);
		expect(callList(sbx)).toEqual(['GET /service/12345/renew']);
		expect(calls(sbx, 'GET', '/service/12345/renew')[0].query).toEqual({ includeOptions: 'false' });
	});

	it('filters by period, this service alone and max price; Include Options adds the option bundles', async () => {
		const filtered = await runOne(sbx, 'ovhListRenewStrategies', {
			serviceId: byId(112233),
			includeOptions: true,
			filters: { renewPeriod: 'p3m', onlyThisService: false, maxPrice: 20 },
		});
		expect(filtered.json('Node').map((s) => [s.renewPeriod, s.services, (s.price as { value: number }).value])).toEqual([
			['P3M', [112233], 18],
		]);

		const withOptions = await runOne(sbx, 'ovhListRenewStrategies', {
			serviceId: byId(112233),
			includeOptions: true,
			filters: { renewPeriod: 'P1M' },
		});
		expect(withOptions.json('Node').map((s) => [s.services, s.onlyThisService])).toEqual([
			[[112233], true],
			[[112233, 112234], false],
		]);
	});

	it("raw output: one item per renew period, as OVH's RenewDescription plus serviceId", async () => {
		const result = await runOne(sbx, 'ovhListRenewStrategies', {
			serviceId: byId(112233),
			output: 'raw',
		});
		expect(result.status).toBe('success');
		const items = result.json('Node');
		expect(items.map((i) => i.renewPeriod)).toEqual(['P1M', 'P3M', 'P6M', 'P1Y']);
		expect(items[1]).toEqual({
			serviceId: 112233,
			renewPeriod: 'P3M',
			strategies: [
				{
					price: { value: 18, currencyCode: 'EUR', text: '18.00 €', priceInUcents: 1800000000 },
					priceInUcents: 1800000000,
					services: [112233],
					servicesDetails: [{ serviceId: 112233, serviceName: 'vps112233.ovh.net', serviceType: 'VPS Value 1-2-40' }],
				},
			],
		});
	});
});

describe("the editor's dropdowns", () => {
	const methodOptions = () => ({ credentialTypes: CREDENTIAL_TYPES, credentials: ovhCredentialStore(sbx) });

	it('Create Renew Order › getRenewPeriods lists the periods of the chosen service with their offers', async () => {
		const options = await runLoadOptions(OvhCreateRenewOrder, 'getRenewPeriods', {
			...methodOptions(),
			parameters: { serviceId: byId(12345) },
		});
		expect(options).toEqual([{ name: 'P1Y', value: 'P1Y', description: '[12345] 1.99 € · [67890, 12345] 37.87 €' }]);

		const vps = await runLoadOptions(OvhCreateRenewOrder, 'getRenewPeriods', {
			...methodOptions(),
			parameters: { serviceId: byId(112233) },
		});
		expect(vps.map((o) => o.value)).toEqual(['P1M', 'P3M', 'P6M', 'P1Y']);
		expect(vps[1]).toEqual({ name: 'P3M', value: 'P3M', description: '[112233] 18.00 €' });
	});

	it('getRenewPeriods returns nothing (and calls nothing) until a service is chosen', async () => {
		const options = await runLoadOptions(OvhCreateRenewOrder, 'getRenewPeriods', methodOptions());
		expect(options).toEqual([]);
		expect(callList(sbx)).toEqual([]);
	});

	it('Pay Order › getPaymentMethods lists the payment methods with type, label, default and status', async () => {
		const options = await runLoadOptions(OvhPayOrder, 'getPaymentMethods', {
			...methodOptions(),
			parameters: { payWith: 'paymentMethod' },
		});
		expect(options).toEqual([
			{ name: 'CREDIT_CARD **** **** **** 4242 · 1111 (default)', value: 1111, description: 'Status: VALID' },
			{ name: expect.stringContaining('SEPA_DIRECT_DEBIT') as unknown, value: 2222, description: 'Status: VALID' },
			{ name: expect.stringContaining('· 3333') as unknown, value: 3333, description: 'Status: EXPIRED' },
		]);
		expect(callList(sbx)).toEqual([
			'GET /me/payment/method',
			'GET /me/payment/method/1111',
			'GET /me/payment/method/2222',
			'GET /me/payment/method/3333',
		]);
	});
});
