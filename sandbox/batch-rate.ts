/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only OVH sandbox server (no n8n node context), never shipped */
/**
 * Batch GETs (`X-Ovh-Batch: ,` and a last path parameter of several values → `[{key, value, error}]`) and the
 * per-consumer-key rate limit (429 with Retry-After). See sandbox/README.md for what is evidence and what is not.
 */
import type { RouteCtx, RouteDef } from './api-common';
import { header } from './api-common';
import type { SandboxCore } from './core';
import { OvhError, badRequest } from './errors';

/** Runs a batch GET: one `{key, value, error}` per value of the route's last path parameter. */
export function runBatch(route: RouteDef, ctx: RouteCtx, separator: string): unknown {
	if (!route.batch || ctx.req.method !== 'GET' || !ctx.core.state.batchEnabled) {
		throw badRequest('Batch mode is not available for this call');
	}
	const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
	const last = names[names.length - 1];
	return ctx.params[last].split(separator).map((key) => {
		try {
			return { key, value: route.handler({ ...ctx, params: { ...ctx.params, [last]: key } }) ?? null, error: null };
		} catch (err) {
			if (err instanceof OvhError) return { key, value: null, error: err.message };
			throw err;
		}
	});
}

/** The X-Ovh-Batch separator of a request, or null for a normal request. */
export function batchSeparator(ctx: RouteCtx): string | null {
	const v = header(ctx.req.headers, 'x-ovh-batch');
	return v === undefined || v === '' ? null : v;
}

/** Sliding one-second windows of request times, per consumer key. */
export class RateLimiter {
	private readonly hits = new Map<string, number[]>();

	/** Throws 429 (Retry-After: 1) when this consumer key already made `perSecond` requests in the last second. */
	check(core: SandboxCore, consumerKey: string | undefined): void {
		const limit = core.state.rateLimitPerSecond;
		if (limit === null || !consumerKey) return;
		const now = core.now();
		const recent = (this.hits.get(consumerKey) ?? []).filter((t) => now - t < 1000);
		if (recent.length >= limit) {
			this.hits.set(consumerKey, recent);
			throw new OvhError(429, 'Too many requests', undefined, 1);
		}
		recent.push(now);
		this.hits.set(consumerKey, recent);
	}
}
