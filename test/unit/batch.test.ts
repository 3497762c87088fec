/**
 * Batch reads (nodes/shared/batch.ts) against a scripted transport: chunks of 50 in order, per-entry errors re-read
 * alone, fallback to single GETs on a refusal (remembered for the execution) or another answer shape.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { ovhRoute } from '../../nodes/shared/api/catalogue';
import { BATCH_SIZE, batchRead } from '../../nodes/shared/batch';
import type { BatchResult } from '../../nodes/shared/batch';

const NODE = { name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

interface Sent {
	url: string;
	batch: boolean;
}

/** A context whose transport answers `answer(url, batch)`; `throw` in it makes an HTTP-like error. */
function context(executionId: string, answer: (url: string, batch: boolean) => unknown) {
	const sent: Sent[] = [];
	const ctx = {
		getNode: () => NODE,
		getExecutionId: () => executionId,
		// the Authentication parameter's default (application keys), as a node without that parameter answers
		getNodeParameter: (_name: string, indexOrFallback: unknown, fallback?: unknown) => fallback ?? indexOrFallback,
		getCredentials: async () => ({ applicationKey: 'ak', consumerKey: 'ck', endpoint: 'custom', customUrl: 'http://127.0.0.1:1/1.0' }),
		helpers: {
			httpRequestWithAuthentication: async (_: string, options: { url: string; headers?: Record<string, string> }) => {
				const batch = options.headers?.['X-Ovh-Batch'] === ',';
				sent.push({ url: options.url, batch });
				return answer(options.url, batch);
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, sent };
}

function httpError(status: number, message: string): NodeApiError {
	return new NodeApiError(NODE, { message, httpCode: String(status) }, { httpCode: String(status), message });
}

const route = ovhRoute('service');
const single = (ctx: IExecuteFunctions, answer: (id: number) => unknown) => async (id: number) => {
	await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'ovhApi', { url: `/service/${id}` });
	return answer(id);
};

function values<V>(map: Map<number, BatchResult<V>>): Array<V | string> {
	return [...map.values()].map((r) => (r.ok ? r.value : `error: ${(r.error as Error).message}`));
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => 1000 + i);
const entries = (url: string) =>
	url.slice('/service/'.length).split(',').map((key) => ({ key, value: { id: Number(key) }, error: null }));

describe('batchRead', () => {
	it('chunks of 50, in order, one request per chunk with X-Ovh-Batch: ,', async () => {
		const { ctx, sent } = context('e1', (url) => entries(url));
		const read = await batchRead(ctx, { route, keys: ids(120), concurrency: 2, single: async () => ({ id: 0 }) });
		expect(BATCH_SIZE).toBe(50);
		expect(sent.map((s) => [s.batch, s.url.split(',').length])).toEqual([[true, 50], [true, 50], [true, 20]]);
		expect(values(read)).toEqual(ids(120).map((id) => ({ id })));
	});

	it('an entry with an error is read again alone: its result is that single GET (its own error), the others kept', async () => {
		const { ctx, sent } = context('e2', (url, batch) => {
			if (batch) return entries(url).map((e) => (e.key === '1001' ? { key: e.key, value: null, error: 'This service does not exist' } : e));
			throw httpError(404, 'This service does not exist');
		});
		const read = await batchRead(ctx, {
			route,
			keys: ids(3),
			concurrency: 1,
			single: single(ctx, (id) => ({ id })),
		});
		expect(sent.map((s) => s.url)).toEqual(['/service/1000,1001,1002', '/service/1001']);
		expect(read.get(1000)).toEqual({ ok: true, value: { id: 1000 } });
		expect(read.get(1001)?.ok).toBe(false);
		expect(read.get(1002)).toEqual({ ok: true, value: { id: 1002 } });
	});

	it('a 400 refusal falls back to single GETs and is remembered for the rest of the execution (not for another)', async () => {
		const { ctx, sent } = context('e3', (url, batch) => {
			if (batch) throw httpError(400, 'Batch mode is not available for this call');
			return { id: Number(url.slice('/service/'.length)) };
		});
		const read = async () => await batchRead(ctx, { route, keys: ids(3), concurrency: 1, single: single(ctx, (id) => ({ id })) });
		expect(values(await read())).toEqual(ids(3).map((id) => ({ id })));
		expect(values(await read())).toEqual(ids(3).map((id) => ({ id })));
		expect(sent.filter((s) => s.batch)).toHaveLength(1);
		expect(sent.filter((s) => !s.batch).map((s) => s.url)).toEqual([...ids(3), ...ids(3)].map((id) => `/service/${id}`));

		const other = context('e4', (url) => entries(url));
		await batchRead(other.ctx, { route, keys: ids(3), concurrency: 1, single: async () => ({}) });
		expect(other.sent.map((s) => s.batch)).toEqual([true]);
	});

	it.each([
		['an object', () => ({ id: 1 })],
		['an array of another length', () => [{ key: '1000', value: {}, error: null }]],
		['entries without keys', () => [{ value: {} }, { value: {} }]],
		['other keys', () => [{ key: '1', value: {}, error: null }, { key: '2', value: {}, error: null }]],
	])('another answer shape (%s): single GETs, remembered', async (_, shape) => {
		const { ctx, sent } = context(`shape-${_}`, (url, batch) => (batch ? shape() : { id: Number(url.slice(9)) }));
		const read = await batchRead(ctx, { route, keys: [1000, 1001], concurrency: 1, single: single(ctx, (id) => ({ id })) });
		expect(values(read)).toEqual([{ id: 1000 }, { id: 1001 }]);
		await batchRead(ctx, { route, keys: [1000, 1001], concurrency: 1, single: single(ctx, (id) => ({ id })) });
		expect(sent.filter((s) => s.batch)).toHaveLength(1);
	});

	it('one key, or keys holding the separator: single GETs only; duplicates read once', async () => {
		const { ctx, sent } = context('e5', () => ({}));
		await batchRead(ctx, { route, keys: [7, 7, 7], concurrency: 1, single: single(ctx, () => ({})) });
		expect(sent).toEqual([{ url: '/service/7', batch: false }]);
		const names = await batchRead(ctx, {
			route: ovhRoute('serviceInfos'),
			params: { product: { raw: 'domain' } },
			keys: ['a,b', 'c'],
			concurrency: 1,
			single: async (name) => name,
		});
		expect([...names.values()]).toEqual([{ ok: true, value: 'a,b' }, { ok: true, value: 'c' }]);
	});
});
