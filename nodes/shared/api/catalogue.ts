import catalogue from './catalogue.json';

/**
 * The one catalogue of OVH routes this package calls (data in catalogue.json, so scripts/token-links.js reads it
 * without a build). Every API function builds its path, its retry policy (kind) and its missing-rule hint from here.
 */

export type OvhRouteId =
	| 'authTime'
	| 'authCurrentCredential'
	| 'authDetails'
	| 'iamAuthorizationCheck'
	| 'serviceList'
	| 'service'
	| 'servicesByResourceName'
	| 'renewDescriptions'
	| 'renewOrderCreate'
	| 'orderList'
	| 'order'
	| 'orderStatus'
	| 'orderDetailList'
	| 'orderDetail'
	| 'orderDetailExtension'
	| 'orderPayment'
	| 'orderPaymentMethods'
	| 'orderAvailableRegisteredPaymentMean'
	| 'orderPayWithRegisteredPaymentMean'
	| 'orderPay'
	| 'paymentMethodList'
	| 'paymentMethod'
	| 'serviceInfos';

export interface OvhRoute {
	id: OvhRouteId;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** OVH's template with OVH's parameter names, e.g. `/service/{serviceId}/renew`. */
	path: string;
	/** The consumer-key access rule: the path with each `{param}` replaced by `*`. */
	rule: string;
	/** From OVH's schema `iamActions`; empty when the schema gives none (see `note`). */
	iamAction: string;
	/** Reads are retried on transient failures; writes are sent once. */
	kind: 'read' | 'write';
	/** `none`: an unauthenticated route. */
	auth?: 'none';
	/** `v2`: served under OVH's API v2 base (`…/v2`) instead of `/1.0`. */
	base?: 'v2';
	/** `serviceAccount`: called only with a service account (left out of the consumer-key createToken links). */
	only?: 'serviceAccount';
	note?: string;
}

export const OVH_ROUTES: readonly OvhRoute[] = catalogue.routes as OvhRoute[];

export function ovhRoute(id: OvhRouteId): OvhRoute {
	const found = OVH_ROUTES.find((route) => route.id === id);
	if (!found) throw new Error(`OVH route ${id} is missing from the catalogue`);
	return found;
}

/** Path parameters: `raw` ones (an API path prefix such as `dedicated/server`) are inserted as they are. */
export interface RouteParams {
	[name: string]: string | number | { raw: string };
}

const PLACEHOLDER = /\{([^}]+)\}/g;

/**
 * The path of a call, each `{param}` replaced by its value percent-encoded as one segment (`encode`, see
 * signing.ts), or as-is when given as `{ raw }`. Throws when a parameter is missing.
 */
export function routePath(route: OvhRoute, params: RouteParams, encode: (v: string | number) => string): string {
	return route.path.replace(PLACEHOLDER, (_, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`OVH route ${route.id} needs the parameter ${name}`);
		return typeof value === 'object' ? value.raw : encode(value);
	});
}

/** The access rule of a call, for hints: raw parameters are filled in (`/vps/*\/serviceInfos`), the others are `*`. */
export function routeRule(route: OvhRoute, params: RouteParams = {}): string {
	return route.path.replace(PLACEHOLDER, (_, name: string) => {
		const value = params[name];
		return typeof value === 'object' ? value.raw : '*';
	});
}

/** Resource types of IAM URNs for the `{product}` API prefixes (the `{resourceType}` of a product route's action). */
const IAM_RESOURCE_TYPES: Record<string, string> = {
	vps: 'vps',
	domain: 'domain',
	'dedicated/server': 'dedicatedServer',
	'hosting/web': 'webHosting',
	ip: 'ip',
};

/** The IAM action of a call, for hints: `{resourceType}` is filled in when the product is known. */
export function routeIamAction(route: OvhRoute, params: RouteParams = {}): string {
	const product = params.product;
	const raw = typeof product === 'object' ? product.raw : undefined;
	const type = raw === undefined ? undefined : IAM_RESOURCE_TYPES[raw];
	return type ? route.iamAction.replace('{resourceType}', type) : route.iamAction;
}
