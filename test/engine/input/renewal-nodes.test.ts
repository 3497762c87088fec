// Input handling of List Renew Strategies, Create Renew Order and Pay Order in n8n's engine: bad values are refused
// before any request with the field, the item and a fix; filters that match nothing; several items at once,
// paired items and Continue On Fail.
import type { INodeParameters } from 'n8n-workflow';

import type { RunningSandbox } from '../../../sandbox';
import { node } from '../../harness';
import {
	MAP_SERVICE_ID,
	byIdLocator,
	loggedRequests,
	callList,
	createOrderNode,
	expectNoSecrets,
	failure,
	listStrategiesNode,
	newOrders,
	payOrderNode,
	runNodes,
	runOne,
	useSandbox,
} from '../helpers';

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: 150 });
beforeEach(() => {
	sbx = sandbox();
});


const LIST = 'ovhListRenewStrategies';
const CREATE = 'ovhCreateRenewOrder';
const PAY = 'ovhPayOrder';

const list = (p: INodeParameters = {}): INodeParameters => ({ serviceId: byIdLocator(12345), ...p });
const create = (p: INodeParameters = {}): INodeParameters => ({ serviceId: byIdLocator(12345), duration: 'P1Y', ...p });
const pay = (p: INodeParameters = {}): INodeParameters => ({
	orderId: '240000101',
	maxAmount: '100',
	payWith: 'registeredPaymentMean',
	paymentMean: 'paypal',
	paymentMeanId: '1234',
	...p,
});

const SERVICE_FIX = 'Enter the numeric OVH ID, e.g. 12345, or map it from the previous node with an expression such as {{ $json.serviceId }}.';
const ORDER_FIX = 'Enter the numeric OVH ID, e.g. 123456789, or map it from the previous node with an expression such as {{ $json.orderId }}.';
const DURATION_FIX = 'Pick one of the periods OVH offers for this service (List Renew Strategies shows them as renewPeriod), e.g. P1Y for one year.';
const SERVICES_FIX = 'Enter service IDs separated by commas, e.g. 67890, 12345';
const AMOUNT_FIX = "Enter an amount in the order's currency, e.g. 50 or 49.99, or leave it empty.";
const CAP_FIX = "Enter the most this order may cost with tax, in the order's currency, e.g. 45.44 (0 for a free order)";
const MEAN_ID_FIX = 'Enter the ID of the registered payment mean, e.g. 1234';

const duration = (got: string) => `Duration must be an ISO-8601 duration such as P1M, P3M, P6M or P1Y (item 1), got ${got}`;

/** [label, node type, parameters, input item json, exact message, fragment of the description (the fix)] */
const BAD_INPUTS: Array<[string, string, INodeParameters, Record<string, unknown>, string, string]> = [
	// List Renew Strategies
	['List: empty service ID', LIST, list({ serviceId: MAP_SERVICE_ID }), { serviceId: '' }, 'Service must be a positive whole number (item 1), got an empty value', SERVICE_FIX],
	['List: service ID 0', LIST, list({ serviceId: MAP_SERVICE_ID }), { serviceId: 0 }, 'Service must be a positive whole number (item 1), got 0', SERVICE_FIX],
	['List: negative service ID', LIST, list({ serviceId: MAP_SERVICE_ID }), { serviceId: -5 }, 'Service must be a positive whole number (item 1), got -5', SERVICE_FIX],
	['List: non-numeric service ID', LIST, list({ serviceId: MAP_SERVICE_ID }), { serviceId: 'vps112233.ovh.net' }, 'Service must be a positive whole number (item 1), got "vps112233.ovh.net"', SERVICE_FIX],
	['List: fractional service ID', LIST, list({ serviceId: MAP_SERVICE_ID }), { serviceId: 12.5 }, 'Service must be a positive whole number (item 1), got 12.5', SERVICE_FIX],
	['List: period filter 1Y', LIST, list({ filters: { renewPeriod: '1Y' } }), {}, 'Renew Period filter must be an ISO-8601 duration such as P1M, P3M, P6M or P1Y (item 1), got "1Y"', DURATION_FIX],
	['List: period filter P0Y', LIST, list({ filters: { renewPeriod: 'P0Y' } }), {}, 'Renew Period filter must be an ISO-8601 duration such as P1M, P3M, P6M or P1Y (item 1), got "P0Y"', DURATION_FIX],
	['List: negative max price', LIST, list({ filters: { maxPrice: -1 } }), {}, 'Max Price filter must be a positive amount (item 1), got -1', AMOUNT_FIX],
	// Create Renew Order
	['Create: non-numeric service ID', CREATE, create({ serviceId: MAP_SERVICE_ID }), { serviceId: 'abc' }, 'Service must be a positive whole number (item 1), got "abc"', SERVICE_FIX],
	['Create: duration 1Y', CREATE, create({ duration: '1Y' }), {}, duration('"1Y"'), DURATION_FIX],
	['Create: duration P0Y', CREATE, create({ duration: 'P0Y' }), {}, duration('"P0Y"'), DURATION_FIX],
	['Create: duration PT1H', CREATE, create({ duration: 'PT1H' }), {}, duration('"PT1H"'), DURATION_FIX],
	['Create: duration P1Y2', CREATE, create({ duration: 'P1Y2' }), {}, duration('"P1Y2"'), DURATION_FIX],
	['Create: duration mapped from a missing field', CREATE, create({ duration: '={{ $json.renewPeriod }}' }), {}, duration('nothing'), DURATION_FIX],
	['Create: services not numbers', CREATE, create({ services: 'abc, def' }), {}, 'Services must list positive whole numbers (item 1): "abc" is not a service ID', SERVICES_FIX],
	['Create: services array of junk', CREATE, create({ services: "={{ [12345, 'x', null] }}" }), {}, 'Services must list positive whole numbers (item 1): "x" is not a service ID', SERVICES_FIX],
	['Create: services with an object', CREATE, create({ services: '={{ $json.services }}' }), { services: [12345, { id: 67890 }] }, 'Services must list positive whole numbers (item 1): {"id":67890} is not a service ID', SERVICES_FIX],
	['Create: services with 0', CREATE, create({ services: '={{ [12345, 0] }}' }), {}, 'Services must list positive whole numbers (item 1): 0 is not a service ID', SERVICES_FIX],
	['Create: services with a negative ID', CREATE, create({ services: '-1, 12345' }), {}, 'Services must list positive whole numbers (item 1): "-1" is not a service ID', SERVICES_FIX],
	['Create: service not in services', CREATE, create({ services: '67890' }), {}, 'Services must include the service being renewed, 12345 (item 1); got [67890]', 'Add 12345 to Services, or leave Services empty to renew service 12345 alone.'],
	// Pay Order
	['Pay: empty order ID', PAY, pay({ orderId: '={{ $json.orderId }}' }), { orderId: '' }, 'Order ID must be a positive whole number (item 1), got an empty value', ORDER_FIX],
	['Pay: order ID null (a dry run)', PAY, pay({ orderId: '={{ $json.orderId }}' }), { orderId: null, dryRun: true }, 'Order ID must be a positive whole number (item 1), got null', ORDER_FIX],
	['Pay: order ID 0', PAY, pay({ orderId: '0' }), {}, 'Order ID must be a positive whole number (item 1), got "0"', ORDER_FIX],
	['Pay: negative order ID', PAY, pay({ orderId: '-3' }), {}, 'Order ID must be a positive whole number (item 1), got "-3"', ORDER_FIX],
	['Pay: non-numeric order ID', PAY, pay({ orderId: 'order-240000101' }), {}, 'Order ID must be a positive whole number (item 1), got "order-240000101"', ORDER_FIX],
	['Pay: unknown payment mean', PAY, pay({ paymentMean: "={{ 'bitcoin' }}" }), {}, 'Payment Mean "bitcoin" is not a payment mean OVH accepts (item 1)', 'Use one of: bankAccount, creditCard, deferredPaymentAccount, fidelityAccount, ovhAccount, paypal.'],
	['Pay: paypal without payment mean ID', PAY, pay({ paymentMeanId: '={{ $json.paymentMeanId }}' }), {}, 'Payment Mean ID is required to pay with paypal (item 1)', MEAN_ID_FIX],
	['Pay: creditCard without payment mean ID', PAY, pay({ paymentMean: 'creditCard', paymentMeanId: "={{ '' }}" }), {}, 'Payment Mean ID is required to pay with creditCard (item 1)', MEAN_ID_FIX],
	['Pay: bankAccount without payment mean ID', PAY, pay({ paymentMean: 'bankAccount', paymentMeanId: '={{ null }}' }), {}, 'Payment Mean ID is required to pay with bankAccount (item 1)', MEAN_ID_FIX],
	['Pay: non-numeric payment mean ID', PAY, pay({ paymentMeanId: 'paypal-1234' }), {}, 'Payment Mean ID must be a positive whole number (item 1), got "paypal-1234"', 'Enter the numeric OVH ID, e.g. 1234, or map it from the previous node with an expression such as {{ $json.paymentMeanId }}.'],
	['Pay: non-numeric payment method ID', PAY, pay({ payWith: 'paymentMethod', paymentMethodId: "={{ 'VISA' }}" }), {}, 'Payment Method must be a positive whole number (item 1), got "VISA"', 'Enter the numeric OVH ID, e.g. 1111, or map it from the previous node with an expression such as {{ $json.paymentMethodId }}.'],
	['Pay: payment method ID 0', PAY, pay({ payWith: 'paymentMethod', paymentMethodId: '={{ 0 }}' }), {}, 'Payment Method must be a positive whole number (item 1), got 0', 'Enter the numeric OVH ID, e.g. 1111, or map it from the previous node with an expression such as {{ $json.paymentMethodId }}.'],
	['Pay: negative max amount', PAY, pay({ maxAmount: -1 }), {}, 'Max Amount must be a positive amount (item 1), got -1', CAP_FIX],
	['Pay: non-numeric max amount', PAY, pay({ maxAmount: "={{ 'ten euros' }}" }), {}, 'Max Amount must be a positive amount (item 1), got "ten euros"', CAP_FIX],
];

describe('bad inputs are refused before any request', () => {
	it('covers at least 20 cases across the three nodes', () => {
		expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(20);
		expect(new Set(BAD_INPUTS.map((c) => c[1]))).toEqual(new Set([LIST, CREATE, PAY]));
	});

	it.each(BAD_INPUTS)('%s', async (_label, type, parameters, json, message, fix) => {
		const result = await runOne(sbx, type, parameters, { inputItems: [{ json: json as never }] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(message).toContain('(item 1)');
		const { description } = failure(result);
		expect(description).toContain(fix);
		// A fix for a payment ID never points at the service ID.
		if (type === PAY) expect(description).not.toContain('serviceId');
		expect((result.error as { node?: { name?: string } }).node?.name).toBe('Node');
		// Not a single request reached the sandbox, not even the clock read.
		expect(sbx.requests()).toEqual([]);
		expectNoSecrets(result);
	});
});

describe('filters that match nothing', () => {
	it('stop with the filters asked for and everything OVH offers (periods, service combinations, prices)', async () => {
		const result = await runOne(sbx, LIST, list({ filters: { renewPeriod: 'P2Y', onlyThisService: true } }));

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe('No renew strategy of service 12345 matches period P2Y, this service alone (item 1)');
		expect(description).toBe(
			'OVH offers: P1Y for services [12345] at 1.99 €; P1Y for services [67890, 12345] at 37.87 €. ' +
				'Change the filters, or turn on "Return Nothing When No Strategy Matches" to continue with no items.',
		);
		expect(callList(sbx)).toEqual(['GET /service/12345/renew']);
	});

	it('a max price below every offer', async () => {
		const result = await runOne(sbx, LIST, list({ serviceId: byIdLocator(778899), filters: { maxPrice: 10 } }));
		expect(failure(result).message).toBe('No renew strategy of service 778899 matches at most 10 without tax (item 1)');
		expect(failure(result).description).toContain('OVH offers: P1M for services [778899] at 16.00 €; P3M for services [778899] at 48.00 €.');
	});

	it('with Return Nothing When No Strategy Matches: zero items, success, and nothing downstream is ordered', async () => {
		const result = await runNodes(sbx, [
			listStrategiesNode({ serviceId: byIdLocator(112233), filters: { renewPeriod: 'P2Y' }, options: { emptyOnNoMatch: true } }),
			createOrderNode(),
			payOrderNode(),
		]);

		expect(result.status).toBe('success');
		expect(result.json('List Renew Strategies')).toEqual([]);
		expect(loggedRequests(sbx, 'POST')).toHaveLength(0);
		expect(newOrders(sbx)).toHaveLength(0);
	});
});

describe('several items', () => {
	it('List: each output item is paired with the input item it came from', async () => {
		const result = await runNodes(sbx, [listStrategiesNode({ filters: { onlyThisService: true } })], {
			inputItems: [{ json: { serviceId: 12345 } }, { json: { serviceId: 112233 } }, { json: { serviceId: 778899 } }],
		});

		expect(result.status).toBe('success');
		const items = result.output('List Renew Strategies');
		expect(items.map((i) => [i.json.serviceId, i.json.renewPeriod, i.pairedItem])).toEqual([
			[12345, 'P1Y', { item: 0 }],
			[112233, 'P1M', { item: 1 }],
			[112233, 'P3M', { item: 1 }],
			[112233, 'P6M', { item: 1 }],
			[112233, 'P1Y', { item: 1 }],
			[778899, 'P1M', { item: 2 }],
			[778899, 'P3M', { item: 2 }],
		]);
	});

	it('Create → Pay with two items: two orders, two payments, each paired with its input', async () => {
		const result = await runNodes(
			sbx,
			[
				node(CREATE, 'Create Renew Order', { serviceId: MAP_SERVICE_ID, duration: '={{ $json.renewPeriod }}' }),
				payOrderNode({ maxAmount: 30 }),
			],
			{
				inputItems: [
					{ json: { serviceId: 12345, renewPeriod: 'P1Y' } },
					{ json: { serviceId: 112233, renewPeriod: 'P3M' } },
				],
			},
		);

		expect(result.status).toBe('success');
		expect(result.output('Create Renew Order').map((i) => [i.json.orderId, i.json.serviceId, i.pairedItem])).toEqual([
			[240000101, 12345, { item: 0 }],
			[240000102, 112233, { item: 1 }],
		]);
		expect(result.output('Pay Order').map((i) => [i.json.orderId, i.json.amount, i.json.paid, i.pairedItem])).toEqual([
			[240000101, 2.39, true, { item: 0 }],
			[240000102, 21.6, true, { item: 1 }],
		]);
		expect(loggedRequests(sbx, 'POST', '/me/order/*/payWithRegisteredPaymentMean').map((r) => r.path)).toEqual([
			'/me/order/240000101/payWithRegisteredPaymentMean',
			'/me/order/240000102/payWithRegisteredPaymentMean',
		]);
	});

	it('two items for the same renewal in one run: one order, one payment', async () => {
		const result = await runNodes(
			sbx,
			[node(CREATE, 'Create Renew Order', { serviceId: MAP_SERVICE_ID, duration: 'P1Y' }), payOrderNode({ maxAmount: 5 })],
			{ inputItems: [{ json: { serviceId: 12345 } }, { json: { serviceId: '12345' } }] },
		);

		expect(result.status).toBe('success');
		expect(result.json('Create Renew Order').map((j) => [j.orderId, j.reused])).toEqual([
			[240000101, false],
			[240000101, true],
		]);
		expect(result.output('Pay Order').map((i) => [i.json.orderId, i.json.paid, i.json.alreadyPaid, i.pairedItem])).toEqual([
			[240000101, true, false, { item: 0 }],
			[240000101, false, true, { item: 1 }],
		]);
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(loggedRequests(sbx, 'POST', '/me/order/*/payWithRegisteredPaymentMean')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);
	});

	it('Pay without Continue On Fail: a bad item anywhere in the batch stops the node before any item is paid', async () => {
		const created = await runNodes(sbx, [node(CREATE, 'Create', { serviceId: MAP_SERVICE_ID, duration: '={{ $json.d }}' })], {
			inputItems: [{ json: { serviceId: 12345, d: 'P1Y' } }, { json: { serviceId: 112233, d: 'P1M' } }],
		});
		const [first, second] = created.json('Create').map((j) => j.orderId as number);
		sbx.clearRequests();

		const result = await runNodes(sbx, [payOrderNode({}, 'Pay Order')], {
			inputItems: [{ json: { orderId: first } }, { json: { orderId: second } }, { json: { orderId: -3 } }],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Order ID must be a positive whole number (item 3), got -3');
		expect(loggedRequests(sbx)).toEqual([]);
	});

	it('Create without Continue On Fail: a bad item anywhere in the batch stops the node before any order', async () => {
		const result = await runNodes(sbx, [node(CREATE, 'Create', { serviceId: MAP_SERVICE_ID, duration: '={{ $json.d }}' })], {
			inputItems: [{ json: { serviceId: 12345, d: 'P1Y' } }, { json: { serviceId: 112233, d: '3 months' } }],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Duration must be an ISO-8601 duration');
		expect(result.error?.message).toContain('(item 2)');
		expect(loggedRequests(sbx)).toEqual([]);
		expect(newOrders(sbx)).toHaveLength(0);
	});

	it('Pay with Continue On Fail: a bad item becomes an error item, the others are paid', async () => {
		const created = await runNodes(sbx, [node(CREATE, 'Create', { serviceId: MAP_SERVICE_ID, duration: '={{ $json.d }}' })], {
			inputItems: [{ json: { serviceId: 12345, d: 'P1Y' } }, { json: { serviceId: 112233, d: 'P1M' } }],
		});
		const [first, second] = created.json('Create').map((j) => j.orderId as number);
		sbx.clearRequests();

		const result = await runNodes(sbx, [payOrderNode({}, 'Pay Order')].map((n) => ({ ...n, onError: 'continueRegularOutput' as const })), {
			inputItems: [{ json: { orderId: first } }, { json: { orderId: 'abc' } }, { json: { orderId: second } }],
		});

		expect(result.status).toBe('success');
		const items = result.output('Pay Order');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ orderId: first, paid: true });
		expect(items[1].json).toEqual({
			error: 'Order ID must be a positive whole number (item 2), got "abc"',
			description: ORDER_FIX,
		});
		expect(items[2].json).toMatchObject({ orderId: second, paid: true });
		expect(loggedRequests(sbx, 'POST', '/me/order/*/payWithRegisteredPaymentMean')).toHaveLength(2);
		expectNoSecrets(result);
	});

	it("List with Continue On Fail: OVH's 404 for one item becomes an error item with the HTTP code and query ID", async () => {
		const result = await runNodes(sbx, [{ ...listStrategiesNode({ filters: { renewPeriod: 'P1Y' } }), onError: 'continueRegularOutput' }], {
			inputItems: [{ json: { serviceId: 12345 } }, { json: { serviceId: 4040404 } }, { json: { serviceId: 445566 } }],
		});

		expect(result.status).toBe('success');
		const items = result.output('List Renew Strategies');
		expect(items.map((i) => [i.json.serviceId ?? null, i.pairedItem])).toEqual([
			[12345, { item: 0 }],
			[12345, { item: 0 }],
			[null, { item: 1 }],
			[445566, { item: 2 }],
		]);
		expect(items[2].json).toMatchObject({
			error: 'OVH: This service does not exist',
			httpCode: '404',
			ovhErrorCode: 'Client::NotFound',
			ovhQueryId: expect.stringMatching(/^EU\.ext-3\./) as unknown,
		});
		expect(String(items[2].json.description)).toContain('OVH does not know service 4040404');
		expectNoSecrets(result);
	});

	it('without Continue On Fail, the first bad item stops the node: later items are not requested', async () => {
		const result = await runNodes(sbx, [listStrategiesNode({})], {
			inputItems: [{ json: { serviceId: 12345 } }, { json: { serviceId: 'abc' } }, { json: { serviceId: 112233 } }],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Service must be a positive whole number (item 2), got "abc"');
		expect(callList(sbx)).toEqual(['GET /service/12345/renew']);
	});
});
