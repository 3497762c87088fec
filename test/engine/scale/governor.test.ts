/**
 * The per-credential request governor under sandbox-enforced rate limits (429 + Retry-After: 1): no item fails, the
 * credential's Max Requests Per Second paces every execution that uses the same keys in this process.
 */
import type { LoggedRequest, RunningSandbox } from '../../../sandbox';
import { byIdLocator, getServiceInfoNode, runNodes, sleepMs, useSandbox } from '../helpers';

const sandbox = useSandbox();
let sbx: RunningSandbox;
beforeEach(async () => {
	sbx = sandbox();
	// the sandbox's one-second window of the previous test's requests, and the governor's pause after its 429s, pass
	await sleepMs(1100);
});

const IDS = [12345, 67890, 112233, 112234, 445566, 778899, 990011, 990022];

/** Get Service Info by ID over these items (one GET /service/{id} each), with these credential settings. */
async function byId(ids: number[], maxRequestsPerSecond: number) {
	const node = getServiceInfoNode({ lookup: 'byId', serviceId: byIdLocator('={{ $json.id }}'), options: { includeServiceInfos: false } });
	return await runNodes(sbx, [node], {
		credential: { timeDelta: '0', maxRequestsPerSecond } as never,
		inputItems: ids.map((id) => ({ json: { id } })),
	});
}

/** The most requests that arrived within any 1 s window. */
function peakPerSecond(log: LoggedRequest[]): number {
	const times = log.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}

describe('governor', () => {
	it('no pacing (0), sandbox limit 4/s: 16 items are all read; the 429s were waited for (Retry-After), none failed', async () => {
		sbx.state().rateLimitPerSecond = 4;
		const ids = [...IDS, ...IDS];
		const result = await byId(ids, 0);
		expect(result.status).toBe('success');
		expect(result.json('Get Service Info').map((i) => i.serviceId)).toEqual(ids);
		const log = sbx.requests();
		expect(log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		expect(log.filter((r) => r.status === 200)).toHaveLength(16);
	}, 30_000);

	it('governor at the sandbox limit (4/s): 0 failed items, wall ≈ requests ÷ rate', async () => {
		sbx.state().rateLimitPerSecond = 4;
		const ids = [...IDS, ...IDS];
		const started = Date.now();
		const result = await byId(ids, 4);
		const wall = Date.now() - started;
		expect(result.status).toBe('success');
		expect(result.json('Get Service Info')).toHaveLength(16);
		const log = sbx.requests();
		expect(log.filter((r) => r.status === 429).length).toBeLessThanOrEqual(1);
		expect(wall).toBeGreaterThanOrEqual((15 / 4) * 1000 - 50);
		expect(wall).toBeLessThan(8000);
	}, 30_000);

	it('two executions with the same keys at the same time share one governor: together never above the rate', async () => {
		const started = Date.now();
		const [a, b] = await Promise.all([byId(IDS, 5), byId(IDS, 5)]);
		const wall = Date.now() - started;
		expect([a.status, b.status]).toEqual(['success', 'success']);
		const log = sbx.requests();
		expect(log).toHaveLength(16);
		// 16 requests at 5/s: the last one starts 3 s after the first, whichever execution sends it
		expect(wall).toBeGreaterThanOrEqual(3000 - 50);
		expect(peakPerSecond(log)).toBeLessThanOrEqual(6);
	}, 30_000);
});
