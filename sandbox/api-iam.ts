/**
 * Service accounts on the API: Bearer validation and IAM authorization of /1.0 calls, `GET /auth/details`, and the
 * API v2 IAM routes `POST /v2/iam/resource/{resourceURN}/authorization/check` and `POST /v2/iam/authorization/check`.
 */
import type { OvhRequest, OvhResult, RouteCtx, RouteDef } from './api-common';
import { header, parseBody, rejectUndescribed, requireProp } from './api-common';
import type { SandboxCore } from './core';
import { INVALID_URL_MESSAGE, OvhError, invalidInput, notFound } from './errors';
import { iamAllows, useToken } from './service-accounts';
import type { SandboxServiceAccount } from './service-accounts';

/** The IAM action of each /1.0 route, as OVH's schema files give it (`iamActions`); /auth routes have none. */
const IAM_ACTIONS: Record<string, string> = {
	'GET /service': 'account:apiovh:service/get',
	'GET /service/{serviceId}': 'account:apiovh:service/get',
	'GET /services': 'account:apiovh:services/get',
	'GET /service/{serviceId}/renew': 'account:apiovh:service/renew/get',
	'POST /service/{serviceId}/renew': 'account:apiovh:service/renew/create',
	'GET /me/order': 'account:apiovh:me/order/get',
	'GET /me/order/{orderId}': 'account:apiovh:me/order/get',
	'GET /me/order/{orderId}/status': 'account:apiovh:me/order/status/get',
	'GET /me/order/{orderId}/details': 'account:apiovh:me/order/details/get',
	'GET /me/order/{orderId}/details/{orderDetailId}': 'account:apiovh:me/order/details/get',
	'GET /me/order/{orderId}/details/{orderDetailId}/extension': 'account:apiovh:me/order/details/extension/get',
	'GET /me/order/{orderId}/payment': 'account:apiovh:me/order/payment/get',
	'GET /me/order/{orderId}/paymentMethods': 'account:apiovh:me/order/paymentMethods/get',
	'GET /me/order/{orderId}/availableRegisteredPaymentMean': 'account:apiovh:me/order/availableRegisteredPaymentMean/get',
	'POST /me/order/{orderId}/payWithRegisteredPaymentMean': 'account:apiovh:me/order/payWithRegisteredPaymentMean',
	'POST /me/order/{orderId}/pay': 'account:apiovh:me/order/pay',
	'GET /me/payment/method': 'account:apiovh:me/payment/method/get',
	'GET /me/payment/method/{paymentMethodId}': 'account:apiovh:me/payment/method/get',
	'GET /{product}/{serviceName}/serviceInfos': '{resourceType}:apiovh:serviceInfos/get',
};

/** IAM resource types of the product API prefixes. */
const RESOURCE_TYPES: Record<string, string> = {
	vps: 'vps',
	domain: 'domain',
	'domain/zone': 'dnsZone',
	'dedicated/server': 'dedicatedServer',
	'hosting/web': 'webHosting',
	ip: 'ip',
};

export const accountUrn = (core: SandboxCore): string => `urn:v1:eu:resource:account:${core.state.nichandle}`;

const notGranted = (): OvhError => new OvhError(403, 'User not granted for this request');

/** Whether the request carries `Authorization: Bearer …` (a service account) rather than X-Ovh signing headers. */
export function bearerToken(req: OvhRequest): string | undefined {
	const match = /^Bearer\s+(\S+)$/i.exec(header(req.headers, 'authorization') ?? '');
	return match?.[1];
}

/** Validates the token (401 when unknown or expired) and returns its service account. */
export function authenticateBearer(core: SandboxCore, token: string): SandboxServiceAccount {
	const account = useToken(core, token);
	if (account === 'expired') throw new OvhError(401, 'The access token has expired');
	if (account === 'unknown') throw new OvhError(401, 'Invalid access token');
	return account;
}

/** IAM check of a /1.0 route for a service account: OVH's 403 "User not granted for this request" when refused. */
export function authorizeRoute(core: SandboxCore, account: SandboxServiceAccount, route: RouteDef, params: Record<string, string>): void {
	const template = IAM_ACTIONS[`${route.method} ${route.path}`];
	if (template === undefined) return;
	let action = template;
	let urn = accountUrn(core);
	if (template.startsWith('{resourceType}')) {
		const type = RESOURCE_TYPES[params.product] ?? params.product.replace(/\//g, '');
		action = template.replace('{resourceType}', type);
		urn = `urn:v1:eu:resource:${type}:${params.serviceName}`;
	}
	if (!iamAllows(account, action, urn)) throw notGranted();
}

/** `GET /auth/details` (auth.Details): who is calling. */
function authDetails(ctx: RouteCtx): unknown {
	const { core, credential, serviceAccount } = ctx;
	if (serviceAccount) {
		return {
			account: core.state.nichandle,
			allowedRoutes: null,
			description: serviceAccount.description,
			identities: [serviceAccount.identity],
			method: 'oauth2_client_credentials',
			roles: null,
			user: null,
		};
	}
	return {
		account: core.state.nichandle,
		allowedRoutes: credential?.rules ?? null,
		description: null,
		identities: [`urn:v1:eu:identity:account:${core.state.nichandle}`],
		method: 'account',
		roles: null,
		user: null,
	};
}

export const IAM_V1_ROUTES: RouteDef[] = [{ method: 'GET', path: '/auth/details', auth: true, handler: authDetails }];

function stringList(value: unknown, name: string): string[] {
	if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw invalidInput(`'${name}' must be an array of strings`);
	return value as string[];
}

function check(account: SandboxServiceAccount, urn: string, actions: string[]): { authorizedActions: string[]; unauthorizedActions: string[] } {
	return {
		authorizedActions: actions.filter((a) => iamAllows(account, a, urn)),
		unauthorizedActions: actions.filter((a) => !iamAllows(account, a, urn)),
	};
}

/** The API v2 routes the sandbox serves, as OVH path templates (for coverage checks). */
export const SANDBOX_V2_ROUTES = [
	{ method: 'POST', path: '/iam/resource/{resourceURN}/authorization/check' },
	{ method: 'POST', path: '/iam/authorization/check' },
] as const;

/** `/v2/…`: service accounts only (Bearer); the IAM authorization checks. */
export function handleV2(core: SandboxCore, req: OvhRequest): OvhResult {
	const token = bearerToken(req);
	if (!token) throw new OvhError(401, 'You must login first', 'NOT_CREDENTIAL');
	const single = /^\/iam\/resource\/([^/]+)\/authorization\/check$/.exec(req.relPath);
	const batch = req.relPath === '/iam/authorization/check';
	if (req.method !== 'POST' || (!single && !batch)) throw notFound(INVALID_URL_MESSAGE);
	const account = authenticateBearer(core, token);
	const body = parseBody(req);
	if (single) {
		rejectUndescribed(body, ['actions']);
		const urn = decodeURIComponent(single[1]);
		return { status: 200, body: check(account, urn, stringList(requireProp(body, 'actions'), 'actions')), credentialId: null };
	}
	rejectUndescribed(body, ['actions', 'resourceURNs']);
	const actions = stringList(requireProp(body, 'actions'), 'actions');
	const urns = stringList(requireProp(body, 'resourceURNs'), 'resourceURNs');
	return { status: 200, body: urns.map((urn) => ({ resourceURN: urn, ...check(account, urn, actions) })), credentialId: null };
}
