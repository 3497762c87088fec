// The money-safety checkers must catch what they look for: a re-sent write, an unanswered failure, a seed's draw.
import type { LoggedRequest } from '../../../sandbox';
import { aboutOrder, dice, failingAnswer, resentWrites, seededRandom } from './kit';

let nextId = 1;
function logged(method: string, path: string, status: number, credentialId = 300001, body: unknown = null): LoggedRequest {
	const id = nextId++;
	return {
		id,
		time: '2026-01-01T00:00:00Z',
		method,
		path,
		basePath: '/1.0',
		rawUrl: `/1.0${path}`,
		query: {},
		headers: {},
		signed: true,
		hasConsumerKey: true,
		credentialId,
		body,
		status,
		queryId: `EU.ext-3.test.${id}`,
		error: null,
		fault: null,
		durationMs: 1,
	};
}

it('the seeded PRNG draws the same sequence for the same seed, another for another seed', () => {
	const a = seededRandom(42);
	const b = seededRandom(42);
	const first = Array.from({ length: 5 }, () => a());
	expect(Array.from({ length: 5 }, () => b())).toEqual(first);
	expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
	const c = seededRandom(43);
	expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
	const d = dice(7);
	expect(Array.from({ length: 50 }, () => d.int(1, 3)).every((n) => n >= 1 && n <= 3)).toBe(true);
});

it('resentWrites flags a payment or renew POST sent twice by one execution, not by two executions', () => {
	const pay = '/me/order/240000101/payWithRegisteredPaymentMean';
	expect(resentWrites([logged('POST', pay, 0), logged('POST', pay, 409)])).toEqual([
		expect.stringContaining(`POST ${pay} sent again`),
	]);
	expect(resentWrites([logged('POST', pay, 0, 300001), logged('POST', pay, 409, 300002)])).toEqual([]);
	const renew = '/service/5000001/renew';
	expect(resentWrites([logged('POST', renew, 503, 300001, { duration: 'P1Y' }), logged('POST', renew, 200, 300001, { duration: 'P1Y' })])).toHaveLength(1);
	expect(resentWrites([logged('POST', renew, 200, 300001, { dryRun: true }), logged('POST', renew, 200, 300001, { duration: 'P1Y' })])).toEqual([]);
});

it('failingAnswer finds the unrecovered OVH error answer, skipping retried GETs, "not paid" 404s and drops', () => {
	const retried = [logged('GET', '/me/order', 429), logged('GET', '/me/order', 200)];
	expect(failingAnswer(retried, 300001)).toBeUndefined();
	const refused = logged('POST', '/me/order/7/pay', 429);
	expect(failingAnswer([logged('GET', '/me/order/7/payment', 404), refused, logged('GET', '/me/order/7/payment', 404)], 300001)).toBe(refused);
	expect(failingAnswer([refused, logged('GET', '/me/order/7/status', 0)], 300001)).toBeUndefined();
	const elsewhere = logged('POST', '/service/1/renew', 503);
	expect(failingAnswer([elsewhere, logged('GET', '/me/order/7', 200)], 300001, aboutOrder(7))).toBeUndefined();
	expect(failingAnswer([elsewhere], 300002)).toBeUndefined();
});
