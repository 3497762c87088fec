import { routePath, routeRule } from './api/catalogue';
import type { OvhRoute, RouteParams } from './api/catalogue';
import { ExecutionMemory, executionId } from './execution-memory';
import { extractOvhError } from './ovh-error';
import { chunks, mapPool } from './pool';
import { encodePathSegment } from './signing';
import { ovhRequest } from './transport';
import type { OvhContext } from './transport';

/**
 * Batch GETs (ovh-api.md §8): a GET whose last path parameter lists several values joined by `,`, sent with
 * `X-Ovh-Batch: ,`, answers one `{key, value, error}` per value. OVH's control panel sends them in chunks of 50.
 *
 * Which routes accept it is unverified, so every batch read can fall back to single GETs:
 * - a batch call answered 400, or answered anything but one entry per value asked, marks the route "single GETs
 *   only" for the rest of the execution (every node of it), and the chunk is read with single GETs;
 * - any other failure of a batch call (after the transport's retries) reads that chunk with single GETs;
 * - an entry with an `error` is read again alone, so its item gets OVH's own error (status, query ID, hint).
 */

export const BATCH_SIZE = 50;
const SEPARATOR = ',';

/** Routes refused in batch mode, per execution (the last few executions only). */
const refused = new ExecutionMemory<Set<string>>();

function executionKey(context: OvhContext): string {
	return executionId(context) ?? 'no-execution';
}

function isRefused(context: OvhContext, route: OvhRoute): boolean {
	return refused.get(executionKey(context))?.has(route.id) ?? false;
}

/** Whether batch GETs of this route are still tried in this execution (not refused yet). */
export function batchAvailable(context: OvhContext, route: OvhRoute): boolean {
	return !isRefused(context, route);
}

function refuse(context: OvhContext, route: OvhRoute): void {
	const key = executionKey(context);
	const routes = refused.get(key) ?? new Set<string>();
	routes.add(route.id);
	refused.set(key, routes);
}

/** The result of one value of a batch read: its value, or the error its single GET threw. */
export type BatchResult<V> = { ok: true; value: V } | { ok: false; error: unknown };

export interface BatchRead<K extends string | number, V> {
	route: OvhRoute;
	/** The route's parameters besides the last one. */
	params?: RouteParams;
	/** The values of the last path parameter. */
	keys: readonly K[];
	/** Chunks read at the same time (bounded read concurrency). */
	concurrency: number;
	itemIndex?: number;
	/** The single GET of one value: the fallback, and how an entry's error is turned into OVH's own error. */
	single: (key: K) => Promise<V>;
}

interface Entry {
	key: string;
	value: unknown;
	error: unknown;
}

function entriesFor(answer: unknown, keys: readonly string[]): Map<string, Entry> | undefined {
	if (!Array.isArray(answer) || answer.length !== keys.length) return undefined;
	const byKey = new Map<string, Entry>();
	for (const raw of answer as unknown[]) {
		if (typeof raw !== 'object' || raw === null || !('key' in raw)) return undefined;
		const entry = raw as Entry;
		byKey.set(String(entry.key), entry);
	}
	return keys.every((k) => byKey.has(k)) ? byKey : undefined;
}

async function singly<K extends string | number, V>(read: BatchRead<K, V>, keys: readonly K[]): Promise<Array<BatchResult<V>>> {
	const results: Array<BatchResult<V>> = [];
	for (const key of keys) {
		try {
			results.push({ ok: true, value: await read.single(key) });
		} catch (error) {
			results.push({ ok: false, error });
		}
	}
	return results;
}

async function readChunk<K extends string | number, V>(
	context: OvhContext,
	read: BatchRead<K, V>,
	keys: readonly K[],
): Promise<Array<BatchResult<V>>> {
	const texts = keys.map(String);
	if (keys.length < 2 || isRefused(context, read.route) || texts.some((k) => k.includes(SEPARATOR))) {
		return await singly(read, keys);
	}
	const params = read.params ?? {};
	const names = [...read.route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
	const last = names[names.length - 1];
	let answer: unknown;
	try {
		answer = await ovhRequest.call(context, {
			method: 'GET',
			kind: 'read',
			path: routePath(read.route, { ...params, [last]: { raw: texts.map(encodePathSegment).join(SEPARATOR) } }, encodePathSegment),
			rule: routeRule(read.route, params),
			headers: { 'X-Ovh-Batch': SEPARATOR },
			itemIndex: read.itemIndex,
		});
	} catch (error) {
		if (extractOvhError(error).status === 400) refuse(context, read.route);
		return await singly(read, keys);
	}
	const entries = entriesFor(answer, texts);
	if (!entries) {
		refuse(context, read.route);
		return await singly(read, keys);
	}
	const results: Array<BatchResult<V>> = [];
	for (const key of keys) {
		const entry = entries.get(String(key)) as Entry;
		if (entry.error === null || entry.error === undefined) results.push({ ok: true, value: entry.value as V });
		else results.push(...(await singly(read, [key])));
	}
	return results;
}

/** Reads every key (duplicates once), in chunks of BATCH_SIZE, at most `concurrency` chunks at a time. */
export async function batchRead<K extends string | number, V>(
	context: OvhContext,
	read: BatchRead<K, V>,
): Promise<Map<K, BatchResult<V>>> {
	const keys = [...new Set(read.keys)];
	const parts = await mapPool(chunks(keys, BATCH_SIZE), read.concurrency, async (chunk) => await readChunk(context, read, chunk));
	const out = new Map<K, BatchResult<V>>();
	parts.forEach((results, c) => results.forEach((result, i) => out.set(keys[c * BATCH_SIZE + i], result)));
	return out;
}

/** The value of a batch result, or its error thrown. */
export function valueOf<V>(result: BatchResult<V>): V {
	if (!result.ok) throw result.error;
	return result.value;
}
