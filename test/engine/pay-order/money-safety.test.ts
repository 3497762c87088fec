// Pay Order's money guarantees, each test trying to break one against the sandbox: no cap → no request; above the
// cap → nothing paid; the default payment method; a method that cannot pay → refused before any payment; a lost
// payment answer → one POST, then confirmed or "not paid yet"; reads failing after the payment → paid + warning;
// two executions at once → one payment; the expiration moved by the period.
import type { INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox';
import { PAYMENT_CONFIRM_DELAYS_MS } from '../../../nodes/OvhPayOrder/pay-once';
import {
	addPeriod,
	admin,
	byIdLocator,
	createOrderNode,
	expectNoSecrets,
	failure,
	listStrategiesNode,
	loggedRequests,
	payOrderNode,
	posts,
	runNodes,
	serviceExpiration,
	sleepMs,
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

const PAY = '/me/order/*/pay';
const ANY_PAYMENT = '/me/order/*/pay*';
const DEFAULT_METHOD = { payWith: 'defaultPaymentMethod' };

const createOrder = (serviceId?: number, duration?: string, services?: string) => createUnpaidOrder(sbx, serviceId, duration, services);

const pay = (orderId: number | string, parameters: INodeParameters = {}) =>
	payOrder(sbx, orderId, { maxAmount: '100', ...DEFAULT_METHOD, ...parameters });

const order = (orderId: number) => sandboxOrder(sbx, orderId);

/** POSTs that paid (answered or not: a dropped answer is logged with status 0 but took effect). */
const paymentPosts = () => loggedRequests(sbx, 'POST', ANY_PAYMENT);

describe('a cap that cannot be missed', () => {
	it('left empty or missing: n8n itself refuses to run the workflow (a required parameter), no request', async () => {
		await expect(pay(240000101, { maxAmount: '' })).rejects.toThrow('Parameter "Max Amount (Incl. Tax)" is required');
		const node = payOrderNode({ orderId: '240000101' });
		delete node.parameters.maxAmount;
		await expect(runNodes(sbx, [node])).rejects.toThrow('Parameter "Max Amount (Incl. Tax)" is required');
		expect(sbx.requests()).toEqual([]);
	});

	it.each([
		['an expression giving nothing', '={{ $json.approvedPrice }}'],
		['blanks', '   '],
	])('Max Amount %s: the node stops before any request, naming the item and the fix', async (_label, maxAmount) => {
		const result = await pay(240000101, { maxAmount });
		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe('Max Amount (Incl. Tax) is empty (item 1): nothing is paid without a cap');
		expect(description).toContain("{{ $('Price').item.json.priceWithTax.value }}");
		expect(sbx.requests()).toEqual([]);
	});

	it.each([
		['negative', '-1', 'got "-1"'],
		['text', "={{ 'ten euros' }}", 'got "ten euros"'],
		['not finite', '={{ Infinity }}', 'got Infinity'],
	])('Max Amount %s: refused before any request', async (_label, maxAmount, got) => {
		const result = await pay(240000101, { maxAmount });
		expect(failure(result).message).toBe(`Max Amount must be a positive amount (item 1), ${got}`);
		expect(sbx.requests()).toEqual([]);
	});

	it('a 1,080 € order with a 100 cap and no option set: nothing is paid', async () => {
		const orderId = await createOrder(445566, 'P1Y');
		Object.assign(order(orderId), { priceWithoutTax: 900, tax: 180, priceWithTax: 1080 });

		const result = await pay(orderId);

		expect(result.status).toBe('error');
		expect(failure(result).message).toBe(`Order ${orderId} costs 1080.00 € with tax, above Max Amount 100 EUR (item 1)`);
		expect(failure(result).description).toContain('Nothing was charged');
		expect(paymentPosts()).toHaveLength(0);
		expect(order(orderId).status).toBe('notPaid');
	});

	it('0 is a valid cap (free orders only); the output says the cap and currency that applied', async () => {
		const orderId = await createOrder();
		const refused = await pay(orderId, { maxAmount: '0' });
		expect(failure(refused).message).toContain('above Max Amount 0 EUR');
		Object.assign(order(orderId), { priceWithoutTax: 0, tax: 0, priceWithTax: 0 });
		const free = await pay(orderId, { maxAmount: '={{ 0 }}' });
		expect(free.json('Pay Order')[0]).toMatchObject({ paid: true, maxAmount: 0, currency: 'EUR' });
	});

	it('an order in another currency than Expected Currency is refused before paying', async () => {
		const orderId = await createOrder();
		const result = await pay(orderId, { options: { currency: 'CAD' } });
		expect(failure(result).message).toBe(`Order ${orderId} is in EUR, not in CAD as Expected Currency says (item 1)`);
		expect(paymentPosts()).toHaveLength(0);
	});
});

describe('Pay With: Default Payment Method', () => {
	it("is the default: reads the account's default method, checks it can pay the order, pays via /pay", async () => {
		const orderId = await createOrder();
		const node = payOrderNode({ orderId: String(orderId), maxAmount: '={{ 2.39 }}' });
		delete node.parameters.payWith;

		const result = await runNodes(sbx, [node]);

		expect(result.status).toBe('success');
		expect(result.json('Pay Order')[0]).toMatchObject({
			orderId,
			paid: true,
			alreadyPaid: false,
			payWith: 'defaultPaymentMethod',
			paymentMethodId: 1111,
			maxAmount: 2.39,
			currency: 'EUR',
		});
		const lines = loggedRequests(sbx).map((r) => `${r.method} ${r.path}`);
		expect(lines).toEqual(
			expect.arrayContaining(['GET /me/payment/method', `GET /me/order/${orderId}/paymentMethods`, `GET /me/order/${orderId}/payment`]),
		);
		expect(loggedRequests(sbx, 'GET', '/me/payment/method')[0].query).toEqual({ default: 'true' });
		// The checks come before the one payment.
		const postId = paymentPosts()[0].id;
		expect(loggedRequests(sbx, 'GET', '/me/order/*/paymentMethods').every((r) => r.id < postId)).toBe(true);
		expect(posts(sbx).map((r) => [r.path, r.body])).toEqual([[`/me/order/${orderId}/pay`, { paymentMethod: { id: 1111 } }]]);
		expect(order(orderId).payment).toMatchObject({ via: 'pay', paymentMethodId: 1111 });
	});

	it('no default payment method: a clear message, nothing paid', async () => {
		const orderId = await createOrder();
		for (const m of sbx.state().paymentMethods) m.default = false;
		const result = await pay(orderId);
		expect(failure(result).message).toBe('The OVH account has no default payment method (item 1)');
		expect(paymentPosts()).toHaveLength(0);
	});
});

describe('a way to pay that cannot pay this order is refused before any payment POST', () => {
	it('default method not among those OVH lists for the order', async () => {
		const orderId = await createOrder();
		await admin(sbx, 'POST', `/orders/${orderId}/payment-methods`, { paymentMethods: [2222] });
		const result = await pay(orderId);
		expect(result.status).toBe('error');
		expect(failure(result).message).toBe(`Payment method 1111 cannot pay order ${orderId} (item 1)`);
		expect(failure(result).description).toContain('can pay this order: 2222');
		expect(paymentPosts()).toHaveLength(0);
	});

	it('an expired payment method (Pay With: Payment Method)', async () => {
		const orderId = await createOrder();
		const result = await pay(orderId, { payWith: 'paymentMethod', paymentMethodId: 3333 });
		expect(failure(result).message).toBe(`Payment method 3333 cannot pay order ${orderId} (item 1)`);
		expect(paymentPosts()).toHaveLength(0);
	});

	it('a registered payment mean the order does not offer', async () => {
		const orderId = await createOrder();
		sbx.state().paymentMeans = sbx.state().paymentMeans.filter((m) => m.paymentMean !== 'paypal');
		const result = await pay(orderId, { payWith: 'registeredPaymentMean', paymentMean: 'paypal', paymentMeanId: '1234' });
		expect(failure(result).message).toBe(`Registered payment mean paypal cannot pay order ${orderId} (item 1)`);
		expect(paymentPosts()).toHaveLength(0);
	});

	it('when OVH does not serve the BETA paymentMethods route (404), the check is skipped with a note and it pays', async () => {
		const orderId = await createOrder();
		sbx.addFault({ method: 'GET', path: '/me/order/*/paymentMethods', type: 'status', status: 404 });
		const result = await pay(orderId);
		expect(result.json('Pay Order')[0]).toMatchObject({ paid: true, note: expect.stringContaining('was skipped') });
		expect(paymentPosts()).toHaveLength(1);
	});
});

describe('pay once, say the truth', () => {
	it('payment applied, answer dropped: paid, confirmed by reading back, ONE payment POST', async () => {
		const orderId = await createOrder();
		sbx.addFault({ method: 'POST', path: PAY, type: 'drop', when: 'after' });

		const result = await pay(orderId);

		expect(result.status).toBe('success');
		expect(result.json('Pay Order')[0]).toMatchObject({ orderId, paid: true, alreadyPaid: false, confirmedAfterUncertainResponse: true });
		expect(paymentPosts()).toHaveLength(1);
		expectNoSecrets(result);
	});

	it('payment applied, answer lost, status and payment record lag longer than the re-reads: "not paid yet", never re-sent', async () => {
		const orderId = await createOrder();
		await admin(sbx, 'POST', '/order-status-lag', { delayMs: 60_000, reads: 0 });
		// The payment record lags too (OVH's timing is unverified): every read of it answers 404.
		sbx.addFault({ method: 'GET', path: '/me/order/*/payment', type: 'status', status: 404, times: -1, body: { class: 'Client::NotFound', message: 'The requested object does not exist' } });
		sbx.addFault({ method: 'POST', path: PAY, type: 'status', status: 503, when: 'after' });

		const result = await pay(orderId);

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		const post = paymentPosts();
		expect(post).toHaveLength(1);
		expect(message).toBe(`Order ${orderId} is not paid yet — check order ${orderId} in the OVH control panel before running again (item 1)`);
		expect(description).toContain(`X-Ovh-QueryID ${post[0].queryId}`);
		expect(description).toContain('It was NOT re-sent');
		expect(`${message} ${description}`).not.toMatch(/did not go through/);
		// Bounded re-reads: one status read per scheduled read-back after the POST.
		expect(loggedRequests(sbx, 'GET', '/me/order/*/status').filter((r) => r.id > post[0].id)).toHaveLength(PAYMENT_CONFIRM_DELAYS_MS.length);
		expect(order(orderId).paidAt).not.toBeNull();

		// Running again: the status still lags, the record answers now → alreadyPaid, still one payment POST.
		sbx.clearFaults();
		const again = await pay(orderId);
		expect(again.json('Pay Order')[0]).toMatchObject({ paid: false, alreadyPaid: true });
		expect(paymentPosts()).toHaveLength(1);
	}, 30_000);

	it('the status read failing after a successful payment: paid true with a warning, not an error', async () => {
		const orderId = await createOrder();
		// Hold the payment answer a moment; once the sandbox took the payment, every status read fails.
		sbx.addFault({ method: 'POST', path: PAY, type: 'latency', delayMs: 400, when: 'after' });
		const run = pay(orderId);
		while (order(orderId).paidAt === null) await sleepMs(10);
		sbx.addFault({ method: 'GET', path: '/me/order/*/status', type: 'status', status: 503, times: -1 });

		const result = await run;

		expect(result.status).toBe('success');
		expect(result.json('Pay Order')[0]).toMatchObject({
			orderId,
			paid: true,
			alreadyPaid: false,
			status: null,
			warning: expect.stringMatching(/^The payment was taken, but reading the order status after it failed/),
		});
		expect(paymentPosts()).toHaveLength(1);
	}, 20_000);

	it('two executions paying the same order at once: exactly one payment, the other alreadyPaid', async () => {
		const orderId = await createOrder();
		// Both pass the "no payment yet" check before either pays: the real race.
		sbx.addFault({ method: 'GET', path: '/me/order/*/payment', type: 'latency', delayMs: 150, times: 2 });

		const results = await Promise.all([pay(orderId), pay(orderId)]);

		const outputs = results.map((r) => r.json('Pay Order')[0]);
		expect(outputs.filter((o) => o.paid === true)).toHaveLength(1);
		expect(outputs.filter((o) => o.alreadyPaid === true && o.paid === false)).toHaveLength(1);
		expect(paymentPosts().filter((r) => r.status === 200)).toHaveLength(1);
		// The loser's POST (when it got that far) was refused by OVH, never accepted twice.
		expect(paymentPosts().filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
	});
});

describe('proof that the renewal happened', () => {
	it('Wait for Delivery reports the expiration before and after, moved by the period', async () => {
		const before = serviceExpiration(sbx, 12345);
		const result = await runNodes(sbx, [
			listStrategiesNode({ serviceId: byIdLocator(12345), filters: { onlyThisService: true } }),
			createOrderNode(),
			payOrderNode({ maxAmount: '={{ $json.priceWithTax.value }}', ...DEFAULT_METHOD, options: { waitForDelivery: true, pollIntervalSeconds: 1, deliveryTimeoutSeconds: 10 } }),
		]);

		expect(result.status).toBe('success');
		const out = result.json('Pay Order')[0];
		expect(out).toMatchObject({
			paid: true,
			delivered: true,
			renewalPeriod: 'P1Y',
			expirationBefore: before,
			expirationAfter: addPeriod(before, 'P1Y'),
		});
		expect(out).not.toHaveProperty('warning');
	});

	it('several services: per service; a service whose expiration did not move gets a warning', async () => {
		const orderId = await createOrder(67890, 'P1Y', '67890,12345');
		const before = { 67890: serviceExpiration(sbx, 67890), 12345: serviceExpiration(sbx, 12345), 112233: serviceExpiration(sbx, 112233) };

		const result = await pay(orderId, {
			options: { waitForDelivery: true, pollIntervalSeconds: 1, deliveryTimeoutSeconds: 10, verifyServiceIds: '67890, 12345, 112233' },
		});

		const out = result.json('Pay Order')[0];
		expect(out.expirationBefore).toEqual({ '67890': before[67890], '12345': before[12345], '112233': before[112233] });
		expect(out.expirationAfter).toEqual({ '67890': addPeriod(before[67890], 'P1Y'), '12345': addPeriod(before[12345], 'P1Y'), '112233': before[112233] });
		expect(out.warning).toBe(`Service 112233: the expiration went from ${before[112233]} to ${before[112233]}, not to ${addPeriod(before[112233], 'P1Y')} (P1Y later).`);
		expect(out.paid).toBe(true);
	});
});
