/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only OVH sandbox server, never shipped */
/**
 * The OVH API routes the package touches: authentication (signature, time window, credential, access rules)
 * and the renewal/order/payment routes, with OVH's model field names.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { SandboxCore } from './core';
import { globToRegExp } from './core';
import { INVALID_URL_MESSAGE, OvhError, badRequest, invalidInput, notFound } from './errors';
import { computeSignature, signaturesEqual } from './signature';
import { LEGACY_PAYMENT_MEANS, buildOrderDetails, taxFor } from './state';
import { formatDateTime, parseDateTime, parseIsoDuration } from './time';
import type { AccessRule, HttpMethod, RenewOffer, SandboxCredential, SandboxOrder, SandboxService } from './types';

export interface OvhRequest {
	method: string;
	/** req.url exactly as received. */
	rawUrl: string;
	/** Path relative to /1.0 or /v1, raw (undecoded), without query. */
	relPath: string;
	/** relPath percent-decoded, or null when the encoding is malformed. */
	decodedPath: string | null;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	/** Raw body as UTF-8 text ("" when empty). */
	bodyText: string;
	/** scheme://host as the client addressed the sandbox (Host header; X-Forwarded-Proto honoured). */
	origin: string;
}

export interface OvhResult {
	status: number;
	body: unknown;
	/** credentialId of the authenticated consumer key, for the request log. */
	credentialId: number | null;
}

interface RouteCtx {
	core: SandboxCore;
	req: OvhRequest;
	params: Record<string, string>;
	credential: SandboxCredential | null;
}

interface Route {
	method: HttpMethod;
	/** Segments; `{name}` captures one decoded segment. */
	pattern: string;
	auth: boolean;
	handler: (ctx: RouteCtx) => unknown;
}

const ALL_PAYMENT_MEAN_ENUM = [
	'CREDIT_CARD',
	'CURRENT_ACCOUNT',
	'DEFERRED_PAYMENT_ACCOUNT',
	'DOMESTIC_CARD',
	'ENTERPRISE',
	'INTERNAL_TRUSTED_ACCOUNT',
	'PAYPAL',
	'RUPAY',
	'SEPA_DIRECT_DEBIT',
	...LEGACY_PAYMENT_MEANS,
];
const MEANS_NEEDING_ID = ['bankAccount', 'creditCard', 'paypal'];
const CURRENCY_TEXT: Record<string, (v: string) => string> = {
	EUR: (v) => `${v} €`,
	GBP: (v) => `£${v}`,
	USD: (v) => `$${v}`,
	CAD: (v) => `$${v} CAD`,
	AUD: (v) => `$${v} AUD`,
	SGD: (v) => `$${v} SGD`,
	PLN: (v) => `${v} PLN`,
	CZK: (v) => `${v} Kč`,
	points: (v) => `${v} points`,
};

/** order.Price */
export function price(value: number, currencyCode: string): {
	value: number;
	currencyCode: string;
	text: string;
	priceInUcents: number;
} {
	const rounded = Math.round(value * 100) / 100;
	const fixed = rounded.toFixed(2);
	const text = (CURRENCY_TEXT[currencyCode] ?? ((v: string) => `${v} ${currencyCode}`))(fixed);
	return { value: rounded, currencyCode, text, priceInUcents: Math.round(rounded * 100) * 1_000_000 };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const v = headers[name];
	return Array.isArray(v) ? v[0] : v;
}

/** `*` spans segments; `/service/*` covers `/service/1/renew` but not `/service`. */
export function ruleAllows(rules: AccessRule[], method: string, path: string): boolean {
	return rules.some((r) => r.method === method && globToRegExp(r.path).test(path));
}

/** Auth checks in OVH's order: headers present, application key, time window, credential, signature, rules. */
function authenticate(core: SandboxCore, req: OvhRequest): SandboxCredential {
	const ak = header(req.headers, 'x-ovh-application');
	const ck = header(req.headers, 'x-ovh-consumer');
	const ts = header(req.headers, 'x-ovh-timestamp');
	const sig = header(req.headers, 'x-ovh-signature');
	if (!ak || !ck || !ts || !sig) throw new OvhError(401, 'You must login first', 'NOT_CREDENTIAL');
	const app = core.state.applications.find((a) => a.applicationKey === ak);
	if (!app) throw new OvhError(403, 'This application key is invalid', 'INVALID_KEY');
	if (!/^\d{1,12}$/.test(ts) || Math.abs(Number(ts) - core.serverTime()) > core.timeToleranceSeconds) {
		throw new OvhError(400, 'Query out of time', 'QUERY_TIME_OUT');
	}
	const cred = core.state.credentials.find((c) => c.consumerKey === ck);
	const now = core.now();
	if (cred && cred.status === 'validated' && cred.expiration !== null && Date.parse(cred.expiration) <= now) {
		cred.status = 'expired';
	}
	if (!cred || cred.applicationKey !== ak || cred.status !== 'validated') {
		throw new OvhError(403, 'This credential is not valid', 'INVALID_CREDENTIAL');
	}
	const expected = computeSignature({
		applicationSecret: app.applicationSecret,
		consumerKey: ck,
		method: req.method,
		url: req.origin + req.rawUrl,
		body: req.bodyText,
		timestamp: ts,
	});
	if (!signaturesEqual(expected, sig)) throw new OvhError(400, 'Invalid signature', 'INVALID_SIGNATURE');
	if (req.decodedPath === null || !ruleAllows(cred.rules, req.method, req.decodedPath)) {
		throw new OvhError(403, 'This call has not been granted', 'NOT_GRANTED_CALL');
	}
	cred.lastUse = formatDateTime(now);
	return cred;
}

// ---------------------------------------------------------------------------------------------- input helpers

function parseBody(req: OvhRequest): Record<string, unknown> {
	if (req.bodyText.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(req.bodyText);
	} catch {
		throw invalidInput('the request body is not valid JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw invalidInput('the request body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

function rejectUndescribed(body: Record<string, unknown>, allowed: string[]): void {
	const extra = Object.keys(body).filter((k) => !allowed.includes(k));
	if (extra.length) throw badRequest(`Received not described parameters: (${extra.join(', ')})`);
}

function requireProp(body: Record<string, unknown>, name: string): unknown {
	if (body[name] === undefined || body[name] === null) throw invalidInput(`'${name}' is a required property`);
	return body[name];
}

function pathId(raw: string, name: string): number {
	if (!/^\d{1,15}$/.test(raw) || Number(raw) === 0) throw invalidInput(`'${name}' must be a positive integer (got '${raw}')`);
	return Number(raw);
}

function isPositiveInt(v: unknown): v is number {
	return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

function queryBoolean(req: OvhRequest, name: string): boolean | undefined {
	const v = req.query.get(name);
	if (v === null) return undefined;
	if (v === 'true') return true;
	if (v === 'false') return false;
	throw invalidInput(`'${name}' must be a boolean: true or false (got '${v}')`);
}

function queryDateTime(req: OvhRequest, name: string): number | undefined {
	const v = req.query.get(name);
	if (v === null || v === '') return undefined;
	const ms = parseDateTime(v);
	if (Number.isNaN(ms)) throw invalidInput(`'${name}' must be an ISO-8601 datetime (got '${v}')`);
	return ms;
}

// ---------------------------------------------------------------------------------------------- views

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

function orderView(core: SandboxCore, o: SandboxOrder): Record<string, unknown> {
	return {
		date: o.date,
		expirationDate: o.expirationDate,
		orderId: o.orderId,
		password: o.password,
		pdfUrl: o.pdfUrl,
		priceWithTax: price(o.priceWithTax, o.currencyCode),
		priceWithoutTax: price(o.priceWithoutTax, o.currencyCode),
		retractionDate: null,
		tax: price(o.tax, o.currencyCode),
		url: o.url,
	};
}

function credentialView(core: SandboxCore, c: SandboxCredential): Record<string, unknown> {
	const app = core.state.applications.find((a) => a.applicationKey === c.applicationKey);
	return {
		allowedIPs: c.allowedIPs,
		applicationId: app?.applicationId ?? 0,
		creation: c.creation,
		credentialId: c.credentialId,
		expiration: c.expiration,
		lastUse: c.lastUse,
		ovhSupport: false,
		rules: c.rules,
		status: c.status,
	};
}

// ---------------------------------------------------------------------------------------------- handlers

function getService(ctx: RouteCtx): SandboxService {
	const id = pathId(ctx.params.serviceId, 'serviceId');
	const svc = ctx.core.findService(id);
	if (!svc) throw notFound('This service does not exist');
	return svc;
}

function getOrder(ctx: RouteCtx): SandboxOrder {
	const id = pathId(ctx.params.orderId, 'orderId');
	const order = ctx.core.findOrder(id);
	if (!order) throw notFound(`The requested object (orderId = ${id}) does not exist`);
	return order;
}

function listRenew(ctx: RouteCtx): unknown {
	const includeOptions = queryBoolean(ctx.req, 'includeOptions') ?? false;
	const svc = getService(ctx);
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
	const svc = getService(ctx);
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

function assertPayable(core: SandboxCore, order: SandboxOrder): void {
	if (order.status === 'cancelled' || order.status === 'cancelling') throw badRequest('This order has been cancelled');
	if (order.status !== 'notPaid') throw new OvhError(409, 'This order is already paid');
	if (core.isOrderExpired(order)) throw badRequest('This order has expired');
}

function markPaid(core: SandboxCore, order: SandboxOrder, payment: SandboxOrder['payment']): null {
	order.status = 'checking';
	order.paidAt = new Date(core.now()).toISOString();
	order.payment = payment;
	return null;
}

function payWithRegisteredPaymentMean(ctx: RouteCtx): unknown {
	const { core, req } = ctx;
	const body = parseBody(req);
	rejectUndescribed(body, ['paymentMean', 'paymentMeanId']);
	const mean = requireProp(body, 'paymentMean');
	if (typeof mean !== 'string' || !ALL_PAYMENT_MEAN_ENUM.includes(mean)) {
		throw invalidInput(
			`'paymentMean' must be one of ${LEGACY_PAYMENT_MEANS.join(', ')} (got ${JSON.stringify(mean)})`,
		);
	}
	const meanId = body.paymentMeanId;
	if (meanId !== undefined && meanId !== null && !isPositiveInt(meanId)) {
		throw invalidInput(`'paymentMeanId' must be a positive integer (got ${JSON.stringify(meanId)})`);
	}
	const order = getOrder(ctx);
	if (!(LEGACY_PAYMENT_MEANS as readonly string[]).includes(mean)) {
		throw badRequest(
			`Payment mean ${mean} cannot be used with payWithRegisteredPaymentMean in the sandbox; use POST /me/order/{orderId}/pay with a payment method from /me/payment/method`,
		);
	}
	if (MEANS_NEEDING_ID.includes(mean) && (meanId === undefined || meanId === null)) {
		throw invalidInput(`'paymentMeanId' is mandatory for bankAccount, creditCard and paypal`);
	}
	const registered = core.state.paymentMeans.filter((m) => m.paymentMean === mean);
	if (registered.length === 0) throw badRequest(`No registered payment mean of type ${mean} on this account`);
	if (MEANS_NEEDING_ID.includes(mean) && !registered.some((m) => m.paymentMeanId === meanId)) {
		throw badRequest(`Registered payment mean ${mean} #${String(meanId)} does not exist`);
	}
	assertPayable(core, order);
	return markPaid(core, order, {
		via: 'payWithRegisteredPaymentMean',
		paymentMean: mean,
		paymentMeanId: typeof meanId === 'number' ? meanId : null,
		paymentMethodId: null,
	});
}

function payWithPaymentMethod(ctx: RouteCtx): unknown {
	const { core, req } = ctx;
	const body = parseBody(req);
	rejectUndescribed(body, ['paymentMethod']);
	const pm = requireProp(body, 'paymentMethod');
	if (typeof pm !== 'object' || pm === null || Array.isArray(pm)) {
		throw invalidInput(`'paymentMethod' must be an object {"id": <paymentMethodId>}`);
	}
	const id = (pm as Record<string, unknown>).id;
	if (id === undefined || id === null) throw invalidInput(`'paymentMethod.id' is a required property`);
	if (!isPositiveInt(id)) throw invalidInput(`'paymentMethod.id' must be a positive integer (got ${JSON.stringify(id)})`);
	const order = getOrder(ctx);
	const method = core.state.paymentMethods.find((m) => m.paymentMethodId === id);
	if (!method) throw badRequest(`Payment method ${id} does not exist`);
	if (method.status !== 'VALID') throw badRequest(`Payment method ${id} cannot be used (status ${method.status})`);
	assertPayable(core, order);
	return markPaid(core, order, {
		via: 'pay',
		paymentMean: method.paymentType,
		paymentMeanId: method.paymentMeanId,
		paymentMethodId: id,
	});
}

function postCredential(ctx: RouteCtx): unknown {
	const { core, req } = ctx;
	const ak = header(req.headers, 'x-ovh-application');
	if (!ak) throw new OvhError(401, 'You must login first', 'NOT_CREDENTIAL');
	const app = core.state.applications.find((a) => a.applicationKey === ak);
	if (!app) throw new OvhError(403, 'This application key is invalid', 'INVALID_KEY');
	const body = parseBody(req);
	rejectUndescribed(body, ['accessRules', 'redirection', 'allowedIPs']);
	const rules = requireProp(body, 'accessRules');
	const methods: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
	if (
		!Array.isArray(rules) ||
		rules.length === 0 ||
		!rules.every(
			(r: unknown) =>
				typeof r === 'object' &&
				r !== null &&
				methods.includes(String((r as Record<string, unknown>).method)) &&
				typeof (r as Record<string, unknown>).path === 'string' &&
				String((r as Record<string, unknown>).path).startsWith('/'),
		)
	) {
		throw badRequest("Body parameter accessRules isn't formated correctly");
	}
	const redirection = body.redirection;
	if (redirection !== undefined && redirection !== null && typeof redirection !== 'string') {
		throw invalidInput(`'redirection' must be a string`);
	}
	const consumerKey = core.randomToken(32);
	const credentialToken = core.randomToken(24);
	const credentialId = core.state.credentials.reduce((m, c) => Math.max(m, c.credentialId), 200000) + 1;
	core.state.credentials.push({
		credentialId,
		applicationKey: ak,
		consumerKey,
		status: 'pendingValidation',
		rules: (rules as Array<Record<string, unknown>>).map((r) => ({
			method: r.method as HttpMethod,
			path: String(r.path),
		})),
		creation: core.nowDateTime(),
		expiration: null,
		lastUse: null,
		credentialToken,
		redirection: typeof redirection === 'string' ? redirection : null,
		allowedIPs: Array.isArray(body.allowedIPs) ? body.allowedIPs.map(String) : null,
	});
	return {
		consumerKey,
		state: 'pendingValidation',
		validationUrl: `${req.origin}/__sandbox/validate?credentialToken=${credentialToken}`,
	};
}

function listOrders(ctx: RouteCtx): unknown {
	const from = queryDateTime(ctx.req, 'date.from');
	const to = queryDateTime(ctx.req, 'date.to');
	return ctx.core.state.orders
		.filter((o) => {
			const t = Date.parse(o.date);
			return (from === undefined || t >= from) && (to === undefined || t <= to);
		})
		.map((o) => o.orderId)
		.sort((a, b) => a - b);
}

function listPaymentMethods(ctx: RouteCtx): unknown {
	const dflt = queryBoolean(ctx.req, 'default');
	const type = ctx.req.query.get('paymentType');
	const status = ctx.req.query.get('status');
	return ctx.core.state.paymentMethods
		.filter(
			(m) =>
				(dflt === undefined || m.default === dflt) &&
				(type === null || type === '' || m.paymentType === type) &&
				(status === null || status === '' || m.status === status),
		)
		.map((m) => m.paymentMethodId);
}

const ROUTES: Route[] = [
	{ method: 'GET', pattern: '/auth/time', auth: false, handler: (c) => c.core.serverTime() },
	{ method: 'POST', pattern: '/auth/credential', auth: false, handler: postCredential },
	{
		method: 'GET',
		pattern: '/auth/currentCredential',
		auth: true,
		handler: (c) => credentialView(c.core, c.credential as SandboxCredential),
	},
	{ method: 'GET', pattern: '/service', auth: true, handler: (c) => c.core.state.services.map((s) => s.serviceId) },
	{ method: 'GET', pattern: '/service/{serviceId}', auth: true, handler: (c) => serviceListView(getService(c)) },
	{ method: 'GET', pattern: '/service/{serviceId}/renew', auth: true, handler: listRenew },
	{ method: 'POST', pattern: '/service/{serviceId}/renew', auth: true, handler: postRenew },
	{ method: 'GET', pattern: '/me/order', auth: true, handler: listOrders },
	{ method: 'GET', pattern: '/me/order/{orderId}', auth: true, handler: (c) => orderView(c.core, getOrder(c)) },
	{ method: 'GET', pattern: '/me/order/{orderId}/status', auth: true, handler: (c) => getOrder(c).status },
	{
		method: 'GET',
		pattern: '/me/order/{orderId}/details',
		auth: true,
		handler: (c) => getOrder(c).details.map((d) => d.orderDetailId),
	},
	{
		method: 'GET',
		pattern: '/me/order/{orderId}/details/{orderDetailId}',
		auth: true,
		handler: (c) => {
			const order = getOrder(c);
			const id = pathId(c.params.orderDetailId, 'orderDetailId');
			const d = order.details.find((x) => x.orderDetailId === id);
			if (!d) throw notFound(`The requested object (orderDetailId = ${id}) does not exist`);
			return {
				cancelled: order.status === 'cancelled',
				description: d.description,
				detailType: 'RENEW',
				domain: d.domain,
				orderDetailId: d.orderDetailId,
				quantity: d.quantity,
				totalPrice: price(d.totalPrice, order.currencyCode),
				unitPrice: price(d.unitPrice, order.currencyCode),
			};
		},
	},
	{
		method: 'GET',
		pattern: '/me/order/{orderId}/availableRegisteredPaymentMean',
		auth: true,
		handler: (c) => {
			getOrder(c);
			const types = [...new Set(c.core.state.paymentMeans.map((m) => m.paymentMean))];
			return types.map((paymentMean) => ({ paymentMean }));
		},
	},
	{
		method: 'POST',
		pattern: '/me/order/{orderId}/payWithRegisteredPaymentMean',
		auth: true,
		handler: payWithRegisteredPaymentMean,
	},
	{ method: 'POST', pattern: '/me/order/{orderId}/pay', auth: true, handler: payWithPaymentMethod },
	{ method: 'GET', pattern: '/me/payment/method', auth: true, handler: listPaymentMethods },
	{
		method: 'GET',
		pattern: '/me/payment/method/{paymentMethodId}',
		auth: true,
		handler: (c) => {
			const id = pathId(c.params.paymentMethodId, 'paymentMethodId');
			const m = c.core.state.paymentMethods.find((x) => x.paymentMethodId === id);
			if (!m) throw notFound(`The requested object (paymentMethodId = ${id}) does not exist`);
			return {
				creationDate: m.creationDate,
				default: m.default,
				description: m.description,
				expirationDate: m.expirationDate,
				label: m.label,
				paymentMeanId: m.paymentMeanId,
				paymentMethodId: m.paymentMethodId,
				paymentSubType: m.paymentSubType,
				paymentType: m.paymentType,
				status: m.status,
			};
		},
	},
];

function safeDecode(segment: string): string | null {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

interface Matched {
	route: Route;
	params: Record<string, string>;
}

function matchRoute(core: SandboxCore, method: string, relPath: string): Matched | null {
	const segs = relPath.split('/');
	for (const route of ROUTES) {
		if (route.method !== method) continue;
		const pat = route.pattern.split('/');
		if (pat.length !== segs.length) continue;
		const params: Record<string, string> = {};
		let ok = true;
		for (let i = 0; i < pat.length && ok; i++) {
			if (pat[i].startsWith('{')) {
				const v = safeDecode(segs[i]);
				if (v === null || v === '') ok = false;
				else params[pat[i].slice(1, -1)] = v;
			} else if (pat[i] !== segs[i]) ok = false;
		}
		if (ok) return { route, params };
	}
	// GET /{product}/{serviceName}/serviceInfos: product is raw (may contain "/"), serviceName one encoded segment.
	if (method === 'GET' && segs.length >= 4 && segs[segs.length - 1] === 'serviceInfos') {
		const product = segs.slice(1, -2).join('/');
		const name = safeDecode(segs[segs.length - 2]);
		if (name !== null && name !== '' && core.state.services.some((s) => s.product === product)) {
			return {
				route: {
					method: 'GET',
					pattern: '/{product}/{serviceName}/serviceInfos',
					auth: true,
					handler: (c) => {
						const svc = c.core.state.services.find(
							(s) => s.product === c.params.product && s.serviceName === c.params.serviceName,
						);
						if (!svc) throw notFound('This service does not exist');
						return serviceInfosView(svc);
					},
				},
				params: { product, serviceName: name },
			};
		}
	}
	return null;
}

/** Routes and runs one OVH API request (throws OvhError for API errors). */
export function handleOvh(core: SandboxCore, req: OvhRequest): OvhResult {
	const matched = matchRoute(core, req.method, req.relPath);
	if (!matched) throw notFound(INVALID_URL_MESSAGE);
	const credential = matched.route.auth ? authenticate(core, req) : null;
	const body = matched.route.handler({ core, req, params: matched.params, credential });
	return { status: 200, body: body === undefined ? null : body, credentialId: credential?.credentialId ?? null };
}

/** Credential id for the log even when authentication failed later (never the key itself). */
export function credentialIdFor(core: SandboxCore, headers: IncomingHttpHeaders): number | null {
	const ck = header(headers, 'x-ovh-consumer');
	if (!ck) return null;
	return core.state.credentials.find((c) => c.consumerKey === ck)?.credentialId ?? null;
}
