/**
 * Bounded read concurrency (Get Service Info's Read Concurrency option): with every request held 150 ms by a latency
 * fault, the sandbox's request log shows never more than N reads in flight, and N is capped at 10.
 */
import type { LoggedRequest, RunningSandbox } from '../../../sandbox';
import { generateState } from '../../fixtures/generated-state';
import { getServiceInfoNode, runNodes, useSandbox } from '../helpers';

const SERVICES = 700;
const sandbox = useSandbox({ state: generateState({ services: SERVICES }) });
let sbx: RunningSandbox;
beforeEach(() => {
	sbx = sandbox();
	sbx.addFault({ type: 'latency', delayMs: 150, times: -1 });
});

/** The most requests in flight at once, from each logged request's arrival time and duration. */
function peakInFlight(log: LoggedRequest[]): number {
	const events = log.flatMap((r) => {
		const start = Date.parse(r.time);
		return [
			{ t: start, d: 1 },
			{ t: start + r.durationMs, d: -1 },
		];
	});
	events.sort((a, b) => a.t - b.t || a.d - b.d);
	let now = 0;
	let peak = 0;
	for (const e of events) {
		now += e.d;
		peak = Math.max(peak, now);
	}
	return peak;
}

async function listAll(readConcurrency: number) {
	const node = getServiceInfoNode({ lookup: 'all', returnAll: true, options: { includeServiceInfos: false, readConcurrency } });
	const result = await runNodes(sbx, [node], { credential: { timeDelta: '0' } });
	expect(result.status).toBe('success');
	expect(result.json('Get Service Info')).toHaveLength(SERVICES);
	return sbx.requests().filter((r) => r.path !== '/service');
}

describe('Read Concurrency', () => {
	it.each([1, 3])('%i: never more reads in flight (14 batch GETs of 50)', async (n) => {
		const reads = await listAll(n);
		expect(reads).toHaveLength(14);
		expect(peakInFlight(reads)).toBeLessThanOrEqual(n);
		expect(peakInFlight(reads)).toBe(n);
	}, 30_000);

	it('an expression above the cap is held at 10', async () => {
		const reads = await listAll(50);
		expect(peakInFlight(reads)).toBeLessThanOrEqual(10);
		expect(peakInFlight(reads)).toBeGreaterThan(3);
	}, 30_000);
});
