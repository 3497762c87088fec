// Pay Order in n8n's engine against the OVH sandbox: the Max Amount cap, orders that cannot be paid, both payment
// routes, lost answers on the payment POST (paid once, never re-sent).
import type { INodeParameters } from 'n8n-workflow';
import type { FaultSpec, RunningSandbox } from '../../../sandbox';
import {
	admin,
	byIdLocator,
	loggedRequests,
	createOrderNode,
	expectNoSecrets,
	failure,
	listStrategiesNode,
	newOrders,
	payOrderNode,
	posts,
	runNodes,
	useSandbox,
	createUnpaidOrder,
	payOrder,
	sandboxOrder,
} from '../helpers';

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: 150 });
beforeEach(() => {
	sbx = sandbox();
});

const PAY_PATH = '/me/order/*/payWithRegisteredPaymentMean';

/** Creates an unpaid renew order through the Create node and clears the log. */
const createOrder = (serviceId?: number, duration?: string, services?: string) => createUnpaidOrder(sbx, serviceId, duration, services);

const pay = (orderId: number | string, parameters: INodeParameters = {}) => payOrder(sbx, orderId, parameters);

const order = (orderId: number) => sandboxOrder(sbx, orderId);

describe('Max Amount', () => {
	it('refuses an order above the cap with both amounts and the currency, and sends no payment', async () => {
		const orderId = await createOrder(67890, 'P1Y', '67890,12345');

		const result = await pay(orderId, { maxAmount: 40 });

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe(`Order ${orderId} costs 45.44 € with tax, above Max Amount 40 EUR (item 1)`);
		expect(description).toContain('Nothing was charged. Raise Max Amount to at least 45.44');
		expect(posts(sbx)).toHaveLength(0);
		expect(loggedRequests(sbx, 'GET', '/me/order/*')).toHaveLength(2);
		expect(order(orderId).status).toBe('notPaid');
		expectNoSecrets(result);
	});

	it('in the whole chain: stops at Pay Order, the order stays unpaid', async () => {
		const result = await runNodes(sbx, [
			listStrategiesNode({ serviceId: byIdLocator(112233), filters: { renewPeriod: 'P1Y', onlyThisService: true } }),
			createOrderNode(),
			payOrderNode({ maxAmount: 77.75 }),
		]);
		expect(result.status).toBe('error');
		expect(failure(result).message).toBe('Order 240000101 costs 77.76 € with tax, above Max Amount 77.75 EUR (item 1)');
		expect(loggedRequests(sbx, 'POST', PAY_PATH)).toHaveLength(0);
		expect(newOrders(sbx).map((o) => o.status)).toEqual(['notPaid']);
	});

	it('pays an order exactly at the cap', async () => {
		const orderId = await createOrder();
		const result = await pay(orderId, { maxAmount: 2.39 });
		expect(result.status).toBe('success');
		expect(result.json('Pay Order')[0]).toMatchObject({ paid: true, amount: 2.39 });
		expect(loggedRequests(sbx, 'POST', PAY_PATH)).toHaveLength(1);
	});
});

describe('orders that cannot be paid', () => {
	it('a cancelled order is refused with zero POSTs', async () => {
		const orderId = await createOrder();
		await admin(sbx, 'POST', `/orders/${orderId}/cancel`);

		const result = await pay(orderId);

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe(`Order ${orderId} cannot be paid: OVH reports it as "cancelled" (item 1)`);
		expect(description).toContain('nothing was charged. Create a new renew order.');
		expect(posts(sbx)).toHaveLength(0);
	});

	it('an expired order is refused with zero POSTs', async () => {
		const orderId = await createOrder();
		await admin(sbx, 'POST', `/orders/${orderId}/expire`);
		const expiredOn = order(orderId).expirationDate;

		const result = await pay(orderId);

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe(`Order ${orderId} expired on ${expiredOn} and can no longer be paid (item 1)`);
		expect(description).toContain('Create a new renew order and pay it. Nothing was charged.');
		expect(posts(sbx)).toHaveLength(0);
		expect(order(orderId).status).toBe('notPaid');
	});

	it('an unknown order: OVH\'s 404 with the hint, no POST', async () => {
		const result = await pay(999999999);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('OVH: ');
		expect(failure(result).description).toContain('OVH does not know order 999999999');
		expect(posts(sbx)).toHaveLength(0);
	});
});

describe('Pay With', () => {
	it('Payment Method: POST /me/order/{id}/pay with {paymentMethod: {id}}', async () => {
		const orderId = await createOrder(112233, 'P1M');

		const result = await pay(orderId, { payWith: 'paymentMethod', paymentMethodId: 1111, maxAmount: 10 });

		expect(result.status).toBe('success');
		expect(result.json('Pay Order')).toEqual([
			expect.objectContaining({ orderId, paid: true, amount: 7.2, payWith: 'paymentMethod', paymentMethodId: 1111 }),
		]);
		expect(result.json('Pay Order')[0]).not.toHaveProperty('paymentMean');
		expect(posts(sbx).map((r) => [r.path, r.body])).toEqual([[`/me/order/${orderId}/pay`, { paymentMethod: { id: 1111 } }]]);
		expect(order(orderId).payment).toMatchObject({ via: 'pay', paymentMethodId: 1111 });
	});

	it('an expired payment method: OVH refuses, the payment is not retried', async () => {
		const orderId = await createOrder();
		// Without the BETA payability check (OVH answers 404 there), OVH's own refusal of the payment is what stops it
		// (with the check, it is refused before any POST: see money-safety.test.ts).
		sbx.addFault({ method: 'GET', path: '/me/order/*/paymentMethods', type: 'status', status: 404 });
		const result = await pay(orderId, { payWith: 'paymentMethod', paymentMethodId: 3333 });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^OVH: /);
		expect(failure(result).description).toContain('HTTP 400');
		expect(posts(sbx)).toHaveLength(1);
		expect(order(orderId).status).toBe('notPaid');
	});

	it.each([
		['bankAccount', '5678', { paymentMean: 'bankAccount', paymentMeanId: 5678 }],
		['creditCard', '9012', { paymentMean: 'creditCard', paymentMeanId: 9012 }],
		['ovhAccount', '', { paymentMean: 'ovhAccount' }],
	])('Registered Payment Mean %s (ID %p) sends the right body', async (paymentMean, paymentMeanId, body) => {
		const orderId = await createOrder();
		const parameters: Record<string, unknown> = { paymentMean };
		if (paymentMeanId) parameters.paymentMeanId = paymentMeanId;
		const result = await runNodes(sbx, [
			payOrderNode({ orderId: String(orderId), paymentMeanId: undefined, ...parameters }),
		]);
		expect(result.status).toBe('success');
		expect(loggedRequests(sbx, 'POST', PAY_PATH).map((r) => r.body)).toEqual([body]);
		expect(order(orderId).payment?.paymentMean).toBe(paymentMean);
	});
});

describe('a lost answer on the payment POST', () => {
	const lostAfter: Array<[string, FaultSpec]> = [
		['503 after', { type: 'status', status: 503, when: 'after' }],
		['HTML 502 after', { type: 'html', status: 502, when: 'after' }],
		['dropped connection after', { type: 'drop', when: 'after' }],
	];
	const lostBefore: Array<[string, FaultSpec]> = [
		['503 before', { type: 'status', status: 503, when: 'before' }],
		['HTML 502 before', { type: 'html', status: 502, when: 'before' }],
		['dropped connection before', { type: 'drop', when: 'before' }],
	];

	it.each(lostAfter)('%s: one payment request, paid true, confirmed by reading the status back', async (_label, fault) => {
		const orderId = await createOrder();
		sbx.addFault({ method: 'POST', path: PAY_PATH, ...fault });

		const result = await pay(orderId);

		expect(result.status).toBe('success');
		expect(result.json('Pay Order')).toEqual([
			expect.objectContaining({ orderId, paid: true, alreadyPaid: false, confirmedAfterUncertainResponse: true, status: 'checking' }),
		]);
		const payments = loggedRequests(sbx, 'POST', PAY_PATH);
		expect(payments).toHaveLength(1);
		expect(payments[0].fault).toContain('(after)');
		// Read back after the lost answer, then once more for the output.
		expect(loggedRequests(sbx, 'GET', '/me/order/*/status').filter((r) => r.id > payments[0].id)).toHaveLength(2);
		expect(order(orderId).payment).toMatchObject({ paymentMean: 'paypal', paymentMeanId: 1234 });
		expectNoSecrets(result);
	});

	it.each(lostBefore)('%s: one payment request, fails saying the order is not paid yet and nothing was re-sent', async (_label, fault) => {
		const orderId = await createOrder();
		sbx.addFault({ method: 'POST', path: PAY_PATH, ...fault });

		const result = await pay(orderId);

		expect(result.status).toBe('error');
		const { description } = failure(result);
		// Never "did not go through": the status can lag a payment (issue 10), so it says "not paid yet".
		expect(failure(result).message).toContain(`Order ${orderId} is not paid yet — check order ${orderId} in the OVH control panel before running again`);
		expect(description).toContain('OVH does not show the order as paid yet');
		expect(description).not.toContain('did not go through');
		expect(description).toContain('It was NOT re-sent');
		expect(loggedRequests(sbx, 'POST', PAY_PATH)).toHaveLength(1);
		expect(order(orderId).status).toBe('notPaid');
		expectNoSecrets(result);

		// Running it again (the fault is used up) pays once.
		const again = await pay(orderId);
		expect(again.status).toBe('success');
		expect(again.json('Pay Order')[0]).toMatchObject({ paid: true });
		expect(loggedRequests(sbx, 'POST', PAY_PATH)).toHaveLength(2);
		expect(loggedRequests(sbx, 'POST', PAY_PATH).filter((r) => r.status === 200)).toHaveLength(1);
	});
});
