/**
 * Bounded concurrency for reads: `mapPool` runs `fn` over `items` with at most `limit` calls in flight and answers
 * the results in item order. Orders and payments never go through it: they stay one at a time, in item order.
 */

/** The Read Concurrency option's default and hard cap. */
export const DEFAULT_READ_CONCURRENCY = 4;
export const MAX_READ_CONCURRENCY = 10;

/** A Read Concurrency setting clamped to 1…MAX_READ_CONCURRENCY (the default when unset or not a number). */
export function readConcurrency(value: unknown): number {
	const n = Math.floor(Number(value ?? DEFAULT_READ_CONCURRENCY));
	if (!Number.isFinite(n)) return DEFAULT_READ_CONCURRENCY;
	return Math.min(MAX_READ_CONCURRENCY, Math.max(1, n));
}

/** Runs `fn` over `items`, at most `limit` at a time; the first failure stops new calls and is thrown once in-flight calls end. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async (): Promise<void> => {
		while (!failure && next < items.length) {
			const index = next++;
			try {
				results[index] = await fn(items[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw failure.error;
	return results;
}

/** Splits a list into chunks of `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
