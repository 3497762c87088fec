/**
 * The route table of the OVH API under /1.0 (and /v1): one list, from which both the router and
 * SANDBOX_ROUTES (what coverage checks read) are built.
 */
import type { RouteDef } from './api-common';
import { AUTH_ROUTES } from './api-auth';
import { IAM_V1_ROUTES } from './api-iam';
import { ORDER_ROUTES } from './api-orders';
import { PAYMENT_ROUTES } from './api-payments';
import { RENEW_ROUTES } from './api-renew';
import { PRODUCT_ROUTES, SERVICE_ROUTES } from './api-services';
import type { SandboxCore } from './core';

/** Tried in this order; the product route (`{product}` spans segments) comes last. */
export const ROUTE_TABLE: readonly RouteDef[] = [
	...AUTH_ROUTES,
	...IAM_V1_ROUTES,
	...SERVICE_ROUTES,
	...RENEW_ROUTES,
	...ORDER_ROUTES,
	...PAYMENT_ROUTES,
	...PRODUCT_ROUTES,
];

/** Every route the sandbox serves under /1.0, as OVH path templates with OVH's parameter names. */
export const SANDBOX_ROUTES: ReadonlyArray<{ method: string; path: string }> = ROUTE_TABLE.map((r) => ({
	method: r.method,
	path: r.path,
}));

/** `{product}` may span several raw segments (`dedicated/server`), and only matches a product present in the state. */
const MULTI_SEGMENT_PARAM = '{product}';

export interface Matched {
	route: RouteDef;
	params: Record<string, string>;
}

function safeDecode(segment: string): string | null {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

function matchOne(core: SandboxCore, route: RouteDef, segs: string[]): Record<string, string> | null {
	let pat = route.path.split('/');
	const params: Record<string, string> = {};
	const multi = pat.indexOf(MULTI_SEGMENT_PARAM);
	let parts = segs;
	if (multi !== -1) {
		const span = segs.length - pat.length + 1;
		if (span < 1) return null;
		const product = segs.slice(multi, multi + span).join('/');
		if (!core.state.services.some((s) => s.product === product)) return null;
		params.product = product;
		parts = [...segs.slice(0, multi), product, ...segs.slice(multi + span)];
		pat = pat.map((p, i) => (i === multi ? product : p));
	}
	if (pat.length !== parts.length) return null;
	for (let i = 0; i < pat.length; i++) {
		if (pat[i].startsWith('{')) {
			const v = safeDecode(parts[i]);
			if (v === null || v === '') return null;
			params[pat[i].slice(1, -1)] = v;
		} else if (pat[i] !== parts[i]) return null;
	}
	return params;
}

export function matchRoute(core: SandboxCore, method: string, relPath: string): Matched | null {
	const segs = relPath.split('/');
	for (const route of ROUTE_TABLE) {
		if (route.method !== method) continue;
		const params = matchOne(core, route, segs);
		if (params) return { route, params };
	}
	return null;
}
