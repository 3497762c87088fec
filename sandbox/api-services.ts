/**
 * Service routes: GET /service, GET /service/{serviceId} (serviceList.Service) and
 * GET /{product}/{serviceName}/serviceInfos (services.Service).
 */
import type { RouteCtx, RouteDef } from './api-common';
import { getService } from './api-common';
import { notFound } from './errors';
import type { SandboxService } from './types';

function serviceListView(s: SandboxService): Record<string, unknown> {
	return {
		creationDate: s.creation,
		details: [],
		engagementDate: s.engagedUpTo,
		expirationDate: s.expiration,
		nextBillingDate: s.expiration,
		plan: { code: s.planCode, product: { name: s.productName } },
		quantity: s.quantity,
		renew: s.serviceListRenew,
		resource: { displayName: s.displayName, name: s.serviceName, state: s.resourceState },
		route: s.route,
		state: s.billingState,
	};
}

function serviceInfosView(s: SandboxService): Record<string, unknown> {
	return {
		canDeleteAtExpiration: s.canDeleteAtExpiration,
		contactAdmin: s.contactAdmin,
		contactBilling: s.contactBilling,
		contactTech: s.contactTech,
		creation: s.creation,
		domain: s.domain,
		engagedUpTo: s.engagedUpTo,
		expiration: s.expiration,
		possibleRenewPeriod: s.possibleRenewPeriod,
		renew: s.renew,
		renewalType: s.renewalType,
		serviceId: s.serviceId,
		status: s.status,
	};
}

function serviceInfos(c: RouteCtx): unknown {
	const svc = c.core.state.services.find((s) => s.product === c.params.product && s.serviceName === c.params.serviceName);
	if (!svc) throw notFound('This service does not exist');
	return serviceInfosView(svc);
}

/** The product route is last in the table: `{product}` spans segments (`dedicated/server`), see routes.ts. */
export const SERVICE_ROUTES: RouteDef[] = [
	{ method: 'GET', path: '/service', auth: true, handler: (c) => c.core.state.services.map((s) => s.serviceId) },
	{ method: 'GET', path: '/service/{serviceId}', auth: true, batch: true, handler: (c) => serviceListView(getService(c)) },
];

export const PRODUCT_ROUTES: RouteDef[] = [
	{ method: 'GET', path: '/{product}/{serviceName}/serviceInfos', auth: true, batch: true, handler: serviceInfos },
];
