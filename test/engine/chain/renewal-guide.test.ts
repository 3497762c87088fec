// The renewal guide's flows end to end in n8n's engine against the OVH sandbox: Manual Trigger → Get Service Info →
// List Renew Strategies → Create Renew Order → Pay Order, fields mapped with expressions; re-runs never order or pay
// twice.
import type { INodeParameters } from 'n8n-workflow';

import type { RunningSandbox } from '../../../sandbox';
import {
	addPeriod,
	byIdLocator,
	loggedRequests,
	createOrderNode,
	expectNoSecrets,
	getServiceInfoNode,
	listStrategiesNode,
	newOrders,
	payOrderNode,
	runNodes,
	runOne,
	serviceExpiration,
	sleepMs,
	useSandbox,
} from '../helpers';

const DELIVERY_DELAY_MS = 150;
const WAIT_FOR_DELIVERY = { waitForDelivery: true, pollIntervalSeconds: 1, deliveryTimeoutSeconds: 10 };

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: DELIVERY_DELAY_MS });
beforeEach(() => {
	sbx = sandbox();
});

function paymentPosts() {
	return loggedRequests(sbx, 'POST', '/me/order/*/pay*');
}

const domainChain = (payOptions: INodeParameters = WAIT_FOR_DELIVERY, maxAmount = 100) => [
	getServiceInfoNode({ lookup: 'byName', product: 'domain', serviceName: 'example-shop.ovh' }),
	listStrategiesNode({ filters: { renewPeriod: 'P1Y', onlyThisService: true } }),
	createOrderNode(),
	payOrderNode({ maxAmount, options: payOptions }),
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
		expect(loggedRequests(sbx, 'POST', '/service/*/renew').map((r) => [r.path, r.body])).toEqual([
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
			payOrderNode({ maxAmount: 50 }),
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
		expect(loggedRequests(sbx, 'POST', '/service/*/renew').map((r) => [r.path, r.body])).toEqual([
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
		expect(loggedRequests(sbx, 'POST', '/service/*/renew').map((r) => r.body)).toEqual([
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
		const created = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(12345), duration: 'P1Y' });
		const orderId = created.json('Node')[0].orderId as number;
		const pay = () =>
			runNodes(sbx, [payOrderNode({ orderId: String(orderId), maxAmount: 10 })]);

		const first = await pay();
		const second = await pay();

		expect(first.status).toBe('success');
		expect(first.json('Pay Order')[0]).toMatchObject({ orderId, paid: true, alreadyPaid: false });
		expect(second.status).toBe('success');
		expect(second.json('Pay Order')[0]).toMatchObject({ orderId, paid: false, alreadyPaid: true, amount: 2.39 });
		expect(loggedRequests(sbx, 'POST', '/me/order/*/payWithRegisteredPaymentMean')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);
	});

	it('the whole chain executed twice creates one order and one payment (Reuse Recent Order is on by default)', async () => {
		const before = serviceExpiration(sbx, 12345);
		const first = await runNodes(sbx, domainChain({}, 10));
		const second = await runNodes(sbx, domainChain({}, 10));

		expect(first.status).toBe('success');
		expect(second.status).toBe('success');
		expect(second.json('Create Renew Order')[0]).toMatchObject({ orderId: 240000101, reused: true, alreadyPaid: true });
		expect(second.json('Pay Order')[0]).toMatchObject({ orderId: 240000101, paid: false, alreadyPaid: true });
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(loggedRequests(sbx, 'POST', '/me/order/*/payWithRegisteredPaymentMean')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);

		await sleepMs(DELIVERY_DELAY_MS + 100);
		expect(serviceExpiration(sbx, 12345)).toBe(addPeriod(before, 'P1Y'));
	});

	it('a chain whose Pay step failed reuses the unpaid order on the next run and pays it', async () => {
		const failed = await runNodes(sbx, domainChain({}, 1));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toContain('above Max Amount 1 EUR');

		const again = await runNodes(sbx, domainChain({}, 3));
		expect(again.status).toBe('success');
		expect(again.json('Create Renew Order')[0]).toMatchObject({ orderId: 240000101, reused: true, status: 'notPaid', alreadyPaid: false });
		expect(again.json('Pay Order')[0]).toMatchObject({ orderId: 240000101, paid: true });
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(paymentPosts()).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);
	});
});
