/** The request governor's pacing and pauses, its credential key, and the bounded pool (pure: no HTTP). */
import { sleep } from 'n8n-workflow';

import { Governor, MAX_RATE_PER_SECOND, governorFor, governorKey } from '../../nodes/shared/governor';
import { MAX_READ_CONCURRENCY, chunks, mapPool, readConcurrency } from '../../nodes/shared/pool';

describe('Governor', () => {
	it('paces calls 1/R s apart, shared by every caller', async () => {
		const governor = new Governor();
		governor.setRate(20);
		const started = Date.now();
		const times: number[] = [];
		await Promise.all(Array.from({ length: 6 }, async () => {
			await governor.acquire();
			times.push(Date.now() - started);
		}));
		times.sort((a, b) => a - b);
		// the k-th call never starts before its slot k/R s (timers may fire late on a busy machine, never early)
		times.forEach((t, k) => expect(t).toBeGreaterThanOrEqual(k * 50 * 1.05 - 5));
	});

	it('rate 0 does not wait; a pause holds everyone; rates are capped', async () => {
		const governor = new Governor();
		governor.setRate(0);
		let started = Date.now();
		for (let i = 0; i < 50; i++) await governor.acquire();
		expect(Date.now() - started).toBeLessThan(50);
		governor.pause(200);
		started = Date.now();
		await Promise.all([governor.acquire(), governor.acquire()]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		governor.setRate(10_000);
		expect(governor.rate).toBe(MAX_RATE_PER_SECOND);
		governor.setRate(Number.NaN);
		expect(governor.rate).toBe(0);
	});

	it('one governor per credential keys + endpoint, keyed by a hash that holds no key in clear', () => {
		const a = { endpoint: 'ovh-eu', applicationKey: 'AK1', applicationSecret: 'AS1', consumerKey: 'CK-secret-1', maxRequestsPerSecond: 2 };
		expect(governorFor(a)).toBe(governorFor({ ...a }));
		expect(governorFor(a)).not.toBe(governorFor({ ...a, consumerKey: 'CK2' }));
		expect(governorFor(a)).not.toBe(governorFor({ ...a, endpoint: 'ovh-ca' }));
		expect(governorFor(a).rate).toBe(2);
		const key = governorKey(a);
		expect(key).toMatch(/^[0-9a-f]{32}$/);
		expect(key).not.toContain('CK-secret-1');
		expect(governorKey({ ...a, applicationSecret: 'other' })).toBe(key);
	});
});

describe('mapPool', () => {
	it('never more than the limit in flight, results in item order', async () => {
		let inFlight = 0;
		let peak = 0;
		const out = await mapPool([5, 1, 4, 2, 3, 0, 6, 7], 3, async (n) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await sleep(n * 3);
			inFlight--;
			return n * 10;
		});
		expect(out).toEqual([50, 10, 40, 20, 30, 0, 60, 70]);
		expect(peak).toBe(3);
	});

	it('a failure stops new calls and is thrown', async () => {
		const called: number[] = [];
		await expect(mapPool([1, 2, 3, 4, 5], 1, async (n) => {
			called.push(n);
			if (n === 2) throw new Error('boom');
			return n;
		})).rejects.toThrow('boom');
		expect(called).toEqual([1, 2]);
	});

	it('Read Concurrency is clamped to 1…10, default 4; chunks split in order', () => {
		expect([readConcurrency(undefined), readConcurrency(0), readConcurrency(3.7), readConcurrency(99), readConcurrency('x')]).toEqual([
			4, 1, 3, MAX_READ_CONCURRENCY, 4,
		]);
		expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
	});
});
