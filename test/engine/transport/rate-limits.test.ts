// Rate limits (429 + Retry-After) on reads, through the renewal nodes in n8n's engine against the OVH sandbox.
import type { INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox';
import {
	byIdLocator,
	loggedRequests,
	createOrderNode,
	listStrategiesNode,
	payOrderNode,
	runNodes,
	runOne,
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

describe('rate limits on reads', () => {
	it('429 on the GETs of the whole chain are retried (Retry-After 0) and the chain succeeds, paying once', async () => {
		sbx.addFault({ method: 'GET', path: '/service/*/renew', type: 'status', status: 429, retryAfter: 0, times: 2 });
		sbx.addFault({ method: 'GET', path: '/me/order/*/status', type: 'status', status: 429, retryAfter: 0, times: 1 });
		sbx.addFault({ method: 'GET', path: '/me/order', type: 'status', status: 429, retryAfter: 0, times: 1 });

		const result = await runNodes(sbx, [
			listStrategiesNode({ serviceId: byIdLocator(12345), filters: { renewPeriod: 'P1Y', onlyThisService: true } }),
			createOrderNode(),
			payOrderNode({ maxAmount: 5 }),
		]);

		expect(result.status).toBe('success');
		expect(result.json('Pay Order')[0]).toMatchObject({ orderId: 240000101, paid: true });
		const limited = sbx.requests().filter((r) => r.status === 429);
		expect(limited).toHaveLength(4);
		expect(limited.every((r) => r.method === 'GET')).toBe(true);
		// List reads renew twice (429, 429), a third time OK; Create verifies with the offer List read in this execution
		// (issue 7, request economy: before, it read the offers once more: [429, 429, 200, 200]).
		expect(loggedRequests(sbx, 'GET', '/service/12345/renew').map((r) => r.status)).toEqual([429, 429, 200]);
		// Create lists the window once before ordering (429, then OK) and once after, to converge with identical runs
		expect(loggedRequests(sbx, 'GET', '/me/order').map((r) => r.status)).toEqual([429, 200, 200]);
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(loggedRequests(sbx, 'POST', PAY_PATH)).toHaveLength(1);
	});

	it('a Retry-After of 1 s is honoured', async () => {
		sbx.addFault({ method: 'GET', path: '/service/*/renew', type: 'status', status: 429, retryAfter: 1, times: 1 });
		const started = Date.now();
		const result = await runOne(sbx, 'ovhListRenewStrategies', { serviceId: byIdLocator(12345) });
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(loggedRequests(sbx, 'GET', '/service/12345/renew').map((r) => r.status)).toEqual([429, 200]);
	});

	it('a POST is never retried on 429', async () => {
		const orderId = await createOrder();
		sbx.addFault({ method: 'POST', path: PAY_PATH, type: 'status', status: 429, retryAfter: 0 });
		const result = await pay(orderId);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('OVH: Too many requests');
		expect(loggedRequests(sbx, 'POST', PAY_PATH)).toHaveLength(1);
		expect(order(orderId).status).toBe('notPaid');
	});
});
