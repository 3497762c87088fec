/**
 * Renew routes: GET /service/{serviceId}/renew (RenewDescription[]) and POST /service/{serviceId}/renew
 * (RenewOrder; dryRun creates nothing).
 */
import type { RouteCtx, RouteDef } from './api-common';
import {
	getService,
	isPositiveInt,
	parseBody,
	price,
	queryBoolean,
	rejectUndescribed,
	requireProp,
	serviceExpired,
} from './api-common';
import type { SandboxCore } from './core';
import { badRequest, invalidInput } from './errors';
import { buildOrderDetails, taxFor } from './state-orders';
import { formatDateTime, parseIsoDuration } from './time';
import type { RenewOffer, SandboxOrder, SandboxService } from './types';

function strategyView(core: SandboxCore, offer: RenewOffer): Record<string, unknown> {
	const p = price(offer.price, core.state.currencyCode);
	return {
		price: p,
		priceInUcents: p.priceInUcents,
		services: [...offer.services],
		servicesDetails: offer.services.map((id) => {
			const svc = core.findService(id);
			return { serviceId: id, serviceName: svc?.serviceName ?? String(id), serviceType: svc?.serviceType ?? 'Unknown' };
		}),
	};
}

/**
 * The path's service; 460 "This Service is expired" when its status is `expired` and its expiration is more than
 * expiredServiceGraceDays ago (before that it can still be renewed). Which routes answer 460, and the grace
 * period, are assumptions (README).
 */
function getRenewableService(ctx: RouteCtx): SandboxService {
	const svc = getService(ctx);
	const graceEnd = Date.parse(`${svc.expiration}T00:00:00Z`) + ctx.core.state.expiredServiceGraceDays * 86_400_000;
	if (svc.status === 'expired' && ctx.core.now() > graceEnd) throw serviceExpired();
	return svc;
}

function listRenew(ctx: RouteCtx): unknown {
	const includeOptions = queryBoolean(ctx.req, 'includeOptions') ?? false;
	const svc = getRenewableService(ctx);
	const byPeriod = new Map<string, RenewOffer[]>();
	for (const offer of ctx.core.state.renewOffers) {
		if (!offer.offeredOn.includes(svc.serviceId)) continue;
		if (offer.option && !includeOptions) continue;
		const list = byPeriod.get(offer.renewPeriod) ?? [];
		list.push(offer);
		byPeriod.set(offer.renewPeriod, list);
	}
	return [...byPeriod.entries()].map(([renewPeriod, offers]) => ({
		renewPeriod,
		strategies: offers.map((o) => strategyView(ctx.core, o)),
	}));
}

function postRenew(ctx: RouteCtx): unknown {
	const { core, req } = ctx;
	const body = parseBody(req);
	rejectUndescribed(body, ['dryRun', 'duration', 'services']);
	const duration = requireProp(body, 'duration');
	const services = requireProp(body, 'services');
	if (body.dryRun !== undefined && body.dryRun !== null && typeof body.dryRun !== 'boolean') {
		throw invalidInput(`'dryRun' must be a boolean`);
	}
	const dryRun = body.dryRun === true;
	if (typeof duration !== 'string' || !parseIsoDuration(duration)) {
		throw invalidInput(`'duration' must be an ISO-8601 duration such as P1Y (got ${JSON.stringify(duration)})`);
	}
	if (!Array.isArray(services) || !services.every(isPositiveInt)) {
		throw invalidInput(`'services' must be an array of service ids (positive integers), got ${JSON.stringify(services)}`);
	}
	if (services.length === 0) throw invalidInput(`'services' must not be empty`);
	if (new Set(services).size !== services.length) throw invalidInput(`'services' contains duplicate ids`);
	const svc = getRenewableService(ctx);
	if (!services.includes(svc.serviceId)) {
		throw badRequest(`Service ${svc.serviceId} must be part of 'services' (got [${services.join(',')}])`);
	}
	const wanted = [...services].sort((a, b) => a - b).join(',');
	const offer = core.state.renewOffers.find(
		(o) =>
			o.offeredOn.includes(svc.serviceId) &&
			o.renewPeriod === duration &&
			[...o.services].sort((a, b) => a - b).join(',') === wanted,
	);
	if (!offer) {
		throw badRequest(`No renew strategy matches duration ${duration} for services [${services.join(',')}]`);
	}
	const now = core.now();
	const { tax, priceWithTax } = taxFor(offer.price, core.state.taxRate);
	const currency = core.state.currencyCode;
	if (dryRun) {
		return {
			orderId: null,
			date: formatDateTime(now),
			expirationDate: formatDateTime(now + 86_400_000),
			password: null,
			url: null,
			pdfUrl: null,
			priceWithTax: price(priceWithTax, currency),
			priceWithoutTax: price(offer.price, currency),
			tax: price(tax, currency),
			retractionDate: null,
		};
	}
	const orderId = core.state.nextOrderId;
	core.state.nextOrderId += 1;
	const password = core.randomToken(4);
	const order: SandboxOrder = {
		orderId,
		password,
		date: formatDateTime(now),
		expirationDate: formatDateTime(now + 86_400_000),
		url: `${req.origin}/__sandbox/orders/${orderId}?orderPassword=${password}`,
		pdfUrl: `${req.origin}/__sandbox/orders/${orderId}?orderPassword=${password}&format=pdf`,
		serviceId: svc.serviceId,
		services: [...offer.services],
		duration,
		currencyCode: currency,
		priceWithoutTax: offer.price,
		tax,
		priceWithTax,
		status: 'notPaid',
		paidAt: null,
		payment: null,
		deliveredAt: null,
		extensionApplied: false,
		details: buildOrderDetails(orderId, offer.services, duration, offer.price, offer.breakdown, (id) =>
			core.findService(id),
		),
		paymentMethods: core.state.orderPaymentMethods === null ? null : [...core.state.orderPaymentMethods],
		statusLagUntil: null,
		statusLagReads: 0,
	};
	core.state.orders.push(order);
	return {
		orderId: order.orderId,
		date: order.date,
		expirationDate: order.expirationDate,
		password: order.password,
		url: order.url,
		pdfUrl: order.pdfUrl,
		priceWithTax: price(order.priceWithTax, currency),
		priceWithoutTax: price(order.priceWithoutTax, currency),
		tax: price(order.tax, currency),
		retractionDate: null,
	};
}

export const RENEW_ROUTES: RouteDef[] = [
	{ method: 'GET', path: '/service/{serviceId}/renew', auth: true, handler: listRenew },
	{ method: 'POST', path: '/service/{serviceId}/renew', auth: true, handler: postRenew },
];
