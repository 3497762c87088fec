/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only OVH sandbox (no n8n node context), never shipped */
/**
 * Loading, validating and normalizing sandbox state (the JSON state file format, see sandbox/README.md).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { DEFAULT_STATE } from './default-state';
import { resolveDate, resolveDateTime, monthsToInterval, parseIsoDuration } from './time';
import type {
	AccessRule,
	BillingState,
	CredentialStatus,
	HttpMethod,
	LegacyPaymentMean,
	OrderStatus,
	RenewalType,
	ResourceState,
	SandboxCredential,
	SandboxOrder,
	SandboxOrderDetail,
	SandboxService,
	SandboxState,
	SandboxStateInput,
	ServiceStatus,
} from './types';

export const LEGACY_PAYMENT_MEANS: readonly LegacyPaymentMean[] = [
	'bankAccount',
	'creditCard',
	'deferredPaymentAccount',
	'fidelityAccount',
	'ovhAccount',
	'paypal',
];
const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const CREDENTIAL_STATUSES: readonly CredentialStatus[] = ['expired', 'pendingValidation', 'refused', 'validated'];
const SERVICE_STATUSES: readonly ServiceStatus[] = [
	'autorenewInProgress',
	'expired',
	'inCreation',
	'ok',
	'pendingDebt',
	'unPaid',
];
const BILLING_STATES: readonly BillingState[] = ['expired', 'ok', 'pending', 'unpaid'];
const RESOURCE_STATES: readonly ResourceState[] = [
	'deleted',
	'deleting',
	'ok',
	'opening',
	'suspended',
	'suspending',
	'toDelete',
	'toOpen',
	'toSuspend',
];
const RENEWAL_TYPES: readonly RenewalType[] = [
	'automaticForcedProduct',
	'automaticV2012',
	'automaticV2014',
	'automaticV2016',
	'automaticV2024',
	'manual',
	'oneShot',
	'option',
];
const ORDER_STATUSES: readonly OrderStatus[] = [
	'cancelled',
	'cancelling',
	'checking',
	'delivered',
	'delivering',
	'documentsRequested',
	'notPaid',
	'unknown',
];

export class StateError extends Error {}

function fail(field: string, msg: string): never {
	throw new StateError(`invalid sandbox state: ${field}: ${msg}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asPositiveInt(v: unknown, field: string): number {
	if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) fail(field, 'must be a positive integer');
	return v;
}

function asString(v: unknown, field: string): string {
	if (typeof v !== 'string' || v === '') fail(field, 'must be a non-empty string');
	return v;
}

function asOptString(v: unknown, field: string, dflt: string | null): string | null {
	if (v === undefined) return dflt;
	if (v === null) return null;
	if (typeof v !== 'string') fail(field, 'must be a string or null');
	return v;
}

function asBool(v: unknown, field: string, dflt: boolean): boolean {
	if (v === undefined) return dflt;
	if (typeof v !== 'boolean') fail(field, 'must be a boolean');
	return v;
}

function asEnum<T extends string>(v: unknown, allowed: readonly T[], field: string, dflt: T): T {
	if (v === undefined) return dflt;
	if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
		fail(field, `must be one of ${allowed.join(', ')}`);
	}
	return v as T;
}

function asPrice(v: unknown, field: string): number {
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(field, 'must be a non-negative number');
	return Math.round(v * 100) / 100;
}

function asIdArray(v: unknown, field: string): number[] {
	if (!Array.isArray(v) || v.length === 0) fail(field, 'must be a non-empty array of service ids');
	return v.map((x, i) => asPositiveInt(x, `${field}[${i}]`));
}

function optDate(v: unknown, now: number, field: string, dflt: string | null): string | null {
	if (v === undefined) return dflt;
	if (v === null) return null;
	return resolveDate(asString(v, field), now, field);
}

function optDateTime(v: unknown, now: number, field: string, dflt: string | null): string | null {
	if (v === undefined) return dflt;
	if (v === null) return null;
	return resolveDateTime(asString(v, field), now, field);
}

function uniqueBy<T>(items: T[], key: (t: T) => string | number, field: string): void {
	const seen = new Set<string | number>();
	for (const it of items) {
		const k = key(it);
		if (seen.has(k)) fail(field, `duplicate ${String(k)}`);
		seen.add(k);
	}
}

export function cents(value: number): number {
	return Math.round(value * 100);
}

/** Splits an amount between services (last one takes the rounding remainder). */
function evenSplit(total: number, count: number): number[] {
	const totalCents = cents(total);
	const base = Math.floor(totalCents / count);
	const out = Array.from({ length: count }, () => base);
	out[count - 1] += totalCents - base * count;
	return out.map((c) => c / 100);
}

export function taxFor(priceWithoutTax: number, taxRate: number): { tax: number; priceWithTax: number } {
	const c = cents(priceWithoutTax);
	const t = Math.round(c * taxRate);
	return { tax: t / 100, priceWithTax: (c + t) / 100 };
}

function normalizeService(raw: unknown, idx: number, now: number, nic: string): SandboxService {
	const f = `services[${idx}]`;
	if (!isRecord(raw)) fail(f, 'must be an object');
	const serviceId = asPositiveInt(raw.serviceId, `${f}.serviceId`);
	const serviceName = asString(raw.serviceName, `${f}.serviceName`);
	const product = raw.product === null ? null : raw.product === undefined ? null : asString(raw.product, `${f}.product`);
	if (product !== null && (product.startsWith('/') || product.endsWith('/'))) {
		fail(`${f}.product`, 'must not start or end with "/" (e.g. "dedicated/server")');
	}
	const expiration = resolveDate(asString(raw.expiration, `${f}.expiration`), now, `${f}.expiration`);
	const status = asEnum(raw.status, SERVICE_STATUSES, `${f}.status`, 'ok');
	const defaultBilling: BillingState =
		status === 'expired' ? 'expired' : status === 'unPaid' || status === 'pendingDebt' ? 'unpaid' : status === 'inCreation' ? 'pending' : 'ok';
	const renewalType = asEnum(raw.renewalType, RENEWAL_TYPES, `${f}.renewalType`, 'manual');
	const renewIn = raw.renew === undefined ? {} : raw.renew;
	if (!isRecord(renewIn)) fail(`${f}.renew`, 'must be an object');
	const period = renewIn.period === undefined || renewIn.period === null ? 12 : asPositiveInt(renewIn.period, `${f}.renew.period`);
	const renew = {
		automatic: asBool(renewIn.automatic, `${f}.renew.automatic`, renewalType !== 'manual'),
		deleteAtExpiration: asBool(renewIn.deleteAtExpiration, `${f}.renew.deleteAtExpiration`, false),
		forced: asBool(renewIn.forced, `${f}.renew.forced`, false),
		manualPayment:
			renewIn.manualPayment === null ? null : asBool(renewIn.manualPayment, `${f}.renew.manualPayment`, renewalType === 'manual'),
		period: renewIn.period === null ? null : period,
	};
	let possibleRenewPeriod: number[] | null = [period];
	if (raw.possibleRenewPeriod === null) possibleRenewPeriod = null;
	else if (raw.possibleRenewPeriod !== undefined) {
		if (!Array.isArray(raw.possibleRenewPeriod)) fail(`${f}.possibleRenewPeriod`, 'must be an array of months');
		possibleRenewPeriod = raw.possibleRenewPeriod.map((m, i) => asPositiveInt(m, `${f}.possibleRenewPeriod[${i}]`));
	}
	const routeIn = raw.route === undefined ? {} : raw.route;
	if (!isRecord(routeIn)) fail(`${f}.route`, 'must be an object');
	const defaultPath = product === null ? null : `/${product}/{serviceName}`;
	const defaultUrl = product === null ? null : `/${product}/${serviceName}`;
	let vars: Array<{ key: string; value: string }> = product === null ? [] : [{ key: 'serviceName', value: serviceName }];
	if (routeIn.vars !== undefined) {
		if (!Array.isArray(routeIn.vars)) fail(`${f}.route.vars`, 'must be an array of {key, value}');
		vars = routeIn.vars.map((v, i) => {
			if (!isRecord(v)) fail(`${f}.route.vars[${i}]`, 'must be {key, value}');
			return { key: asString(v.key, `${f}.route.vars[${i}].key`), value: asString(v.value, `${f}.route.vars[${i}].value`) };
		});
	}
	const slIn = raw.serviceListRenew === undefined ? {} : raw.serviceListRenew;
	if (!isRecord(slIn)) fail(`${f}.serviceListRenew`, 'must be an object');
	const mode = renew.automatic ? (renewalType === 'manual' ? 'automaticV2016' : renewalType) : 'manual';
	const possibleIntervals = (possibleRenewPeriod ?? [])
		.map((m) => monthsToInterval(m))
		.filter((x): x is string => x !== null);
	const serviceListRenew = {
		dayOfMonth:
			slIn.dayOfMonth === undefined
				? renew.automatic
					? Number(expiration.slice(8, 10))
					: null
				: (slIn.dayOfMonth as number | null),
		interval: slIn.interval === undefined ? monthsToInterval(renew.period) : (slIn.interval as string | null),
		mode: slIn.mode === undefined ? mode : asString(slIn.mode, `${f}.serviceListRenew.mode`),
		possibleIntervals:
			slIn.possibleIntervals === undefined ? possibleIntervals : (slIn.possibleIntervals as string[] | null),
		possibleModes:
			slIn.possibleModes === undefined
				? Array.from(new Set([renewalType === 'manual' ? 'automaticV2016' : renewalType, 'manual', 'deleteAtExpiration']))
				: (slIn.possibleModes as string[]),
	};
	return {
		serviceId,
		product,
		serviceName,
		serviceType: asString(raw.serviceType ?? serviceName, `${f}.serviceType`),
		displayName: asString(raw.displayName ?? serviceName, `${f}.displayName`),
		planCode: asOptString(raw.planCode, `${f}.planCode`, null),
		productName: asOptString(raw.productName, `${f}.productName`, product),
		creation: optDate(raw.creation, now, `${f}.creation`, null) ?? resolveDate('-1y', now, `${f}.creation`),
		expiration,
		engagedUpTo: optDate(raw.engagedUpTo, now, `${f}.engagedUpTo`, null),
		status,
		billingState: asEnum(raw.billingState, BILLING_STATES, `${f}.billingState`, defaultBilling),
		resourceState: asEnum(raw.resourceState, RESOURCE_STATES, `${f}.resourceState`, 'ok'),
		renewalType,
		renew,
		possibleRenewPeriod,
		canDeleteAtExpiration: asBool(raw.canDeleteAtExpiration, `${f}.canDeleteAtExpiration`, true),
		contactAdmin: asString(raw.contactAdmin ?? nic, `${f}.contactAdmin`),
		contactBilling: asString(raw.contactBilling ?? nic, `${f}.contactBilling`),
		contactTech: asString(raw.contactTech ?? nic, `${f}.contactTech`),
		domain: asString(raw.domain ?? serviceName, `${f}.domain`),
		quantity: raw.quantity === undefined ? 1 : asPositiveInt(raw.quantity, `${f}.quantity`),
		route: {
			path: routeIn.path === undefined ? defaultPath : asOptString(routeIn.path, `${f}.route.path`, null),
			url: routeIn.url === undefined ? defaultUrl : asOptString(routeIn.url, `${f}.route.url`, null),
			vars,
		},
		serviceListRenew,
		parentServiceId:
			raw.parentServiceId === undefined || raw.parentServiceId === null
				? null
				: asPositiveInt(raw.parentServiceId, `${f}.parentServiceId`),
	};
}

function normalizeRules(v: unknown, field: string): AccessRule[] {
	if (!Array.isArray(v)) fail(field, 'must be an array of {method, path}');
	return v.map((r, i) => {
		if (!isRecord(r)) fail(`${field}[${i}]`, 'must be {method, path}');
		const method = asEnum(r.method, HTTP_METHODS, `${field}[${i}].method`, 'GET');
		const path = asString(r.path, `${field}[${i}].path`);
		if (!path.startsWith('/')) fail(`${field}[${i}].path`, 'must start with "/"');
		return { method, path };
	});
}

/** Order details derived from the services renewed (one RENEW line per service). */
export function buildOrderDetails(
	orderId: number,
	services: number[],
	duration: string,
	priceWithoutTax: number,
	breakdown: Array<{ serviceId: number; price: number }> | null,
	lookup: (id: number) => SandboxService | undefined,
): SandboxOrderDetail[] {
	const split = evenSplit(priceWithoutTax, services.length);
	return services.map((id, i) => {
		const svc = lookup(id);
		const price = breakdown?.find((b) => b.serviceId === id)?.price ?? split[i];
		return {
			orderDetailId: orderId * 10 + i + 1,
			serviceId: id,
			description: `Renewal ${svc ? `${svc.serviceType} ${svc.serviceName}` : `service ${id}`} for ${duration}`,
			domain: svc?.serviceName ?? String(id),
			quantity: '1',
			unitPrice: price,
			totalPrice: price,
		};
	});
}

function normalizeOrder(raw: unknown, idx: number, now: number, state: SandboxState, origin: string): SandboxOrder {
	const f = `orders[${idx}]`;
	if (!isRecord(raw)) fail(f, 'must be an object');
	const orderId = asPositiveInt(raw.orderId, `${f}.orderId`);
	const services = asIdArray(raw.services, `${f}.services`);
	const duration = asString(raw.duration, `${f}.duration`);
	if (!parseIsoDuration(duration)) fail(`${f}.duration`, 'must be an ISO-8601 duration such as P1Y');
	const priceWithoutTax = asPrice(raw.priceWithoutTax, `${f}.priceWithoutTax`);
	const computed = taxFor(priceWithoutTax, state.taxRate);
	const date = optDateTime(raw.date, now, `${f}.date`, null) ?? resolveDateTime('now', now, `${f}.date`);
	const password = asString(raw.password ?? 'sbx0', `${f}.password`);
	const status = asEnum(raw.status, ORDER_STATUSES, `${f}.status`, 'notPaid');
	const lookup = (id: number): SandboxService | undefined => state.services.find((s) => s.serviceId === id);
	return {
		orderId,
		password,
		date,
		expirationDate:
			optDateTime(raw.expirationDate, now, `${f}.expirationDate`, null) ??
			resolveDateTime('now', Date.parse(date) + 86_400_000, `${f}.expirationDate`),
		url: asOptString(raw.url, `${f}.url`, null) ?? `${origin}/__sandbox/orders/${orderId}?orderPassword=${password}`,
		pdfUrl:
			asOptString(raw.pdfUrl, `${f}.pdfUrl`, null) ??
			`${origin}/__sandbox/orders/${orderId}?orderPassword=${password}&format=pdf`,
		serviceId: raw.serviceId === undefined || raw.serviceId === null ? null : asPositiveInt(raw.serviceId, `${f}.serviceId`),
		services,
		duration,
		currencyCode: asString(raw.currencyCode ?? state.currencyCode, `${f}.currencyCode`),
		priceWithoutTax,
		tax: raw.tax === undefined ? computed.tax : asPrice(raw.tax, `${f}.tax`),
		priceWithTax: raw.priceWithTax === undefined ? computed.priceWithTax : asPrice(raw.priceWithTax, `${f}.priceWithTax`),
		status,
		paidAt: optDateTime(raw.paidAt, now, `${f}.paidAt`, null),
		payment: isRecord(raw.payment) ? (raw.payment as unknown as SandboxOrder['payment']) : null,
		deliveredAt: optDateTime(raw.deliveredAt, now, `${f}.deliveredAt`, null),
		extensionApplied: asBool(raw.extensionApplied, `${f}.extensionApplied`, status === 'delivered'),
		details: Array.isArray(raw.details)
			? (raw.details as SandboxOrderDetail[])
			: buildOrderDetails(orderId, services, duration, priceWithoutTax, null, lookup),
	};
}

/**
 * Turns a state file / state object into a full SandboxState: fills defaults, resolves relative dates against
 * `now` (sandbox clock, ms), validates ids and enums. Missing top-level keys come from the default state.
 * Throws StateError with the offending field on invalid input.
 */
export function normalizeState(input: SandboxStateInput | unknown, now: number, origin = 'http://127.0.0.1'): SandboxState {
	if (!isRecord(input)) fail('(root)', 'must be a JSON object');
	if (input.version !== undefined && input.version !== 1) fail('version', 'only version 1 is supported');
	const d = DEFAULT_STATE as Record<string, unknown>;
	const pick = (k: keyof SandboxStateInput): unknown => (input[k] !== undefined ? input[k] : d[k]);

	const currencyCode = asString(pick('currencyCode'), 'currencyCode');
	const taxRateRaw = pick('taxRate');
	if (typeof taxRateRaw !== 'number' || !(taxRateRaw >= 0 && taxRateRaw < 10)) fail('taxRate', 'must be a number such as 0.2');
	const nichandle = asString(pick('nichandle'), 'nichandle');

	const appsRaw = pick('applications');
	if (!Array.isArray(appsRaw)) fail('applications', 'must be an array');
	const applications = appsRaw.map((a, i) => {
		const f = `applications[${i}]`;
		if (!isRecord(a)) fail(f, 'must be an object');
		return {
			applicationId: asPositiveInt(a.applicationId ?? 100000 + i + 1, `${f}.applicationId`),
			applicationKey: asString(a.applicationKey, `${f}.applicationKey`),
			applicationSecret: asString(a.applicationSecret, `${f}.applicationSecret`),
			name: asString(a.name ?? `application-${i + 1}`, `${f}.name`),
		};
	});
	uniqueBy(applications, (a) => a.applicationKey, 'applications[].applicationKey');

	const credsRaw = pick('credentials');
	if (!Array.isArray(credsRaw)) fail('credentials', 'must be an array');
	const credentials: SandboxCredential[] = credsRaw.map((c, i) => {
		const f = `credentials[${i}]`;
		if (!isRecord(c)) fail(f, 'must be an object');
		const applicationKey = asString(c.applicationKey, `${f}.applicationKey`);
		if (!applications.some((a) => a.applicationKey === applicationKey)) {
			fail(`${f}.applicationKey`, `unknown application key ${applicationKey}`);
		}
		return {
			credentialId: asPositiveInt(c.credentialId ?? 200000 + i + 1, `${f}.credentialId`),
			applicationKey,
			consumerKey: asString(c.consumerKey, `${f}.consumerKey`),
			status: asEnum(c.status, CREDENTIAL_STATUSES, `${f}.status`, 'validated'),
			rules: c.rules === undefined ? [{ method: 'GET', path: '/*' }] : normalizeRules(c.rules, `${f}.rules`),
			creation: optDateTime(c.creation, now, `${f}.creation`, null) ?? resolveDateTime('now', now, `${f}.creation`),
			expiration: optDateTime(c.expiration, now, `${f}.expiration`, null),
			lastUse: optDateTime(c.lastUse, now, `${f}.lastUse`, null),
			credentialToken: asOptString(c.credentialToken, `${f}.credentialToken`, null),
			redirection: asOptString(c.redirection, `${f}.redirection`, null),
			allowedIPs: Array.isArray(c.allowedIPs) ? c.allowedIPs.map((x, j) => asString(x, `${f}.allowedIPs[${j}]`)) : null,
		};
	});
	uniqueBy(credentials, (c) => c.consumerKey, 'credentials[].consumerKey');

	const servicesRaw = pick('services');
	if (!Array.isArray(servicesRaw)) fail('services', 'must be an array');
	const services = servicesRaw.map((s, i) => normalizeService(s, i, now, nichandle));
	uniqueBy(services, (s) => s.serviceId, 'services[].serviceId');
	const known = new Set(services.map((s) => s.serviceId));

	const offersRaw = pick('renewOffers');
	if (!Array.isArray(offersRaw)) fail('renewOffers', 'must be an array');
	const renewOffers = offersRaw.map((o, i) => {
		const f = `renewOffers[${i}]`;
		if (!isRecord(o)) fail(f, 'must be an object');
		const renewPeriod = asString(o.renewPeriod, `${f}.renewPeriod`);
		if (!parseIsoDuration(renewPeriod)) fail(`${f}.renewPeriod`, 'must be an ISO-8601 duration such as P1Y');
		const svc = asIdArray(o.services, `${f}.services`);
		const offeredOn = o.offeredOn === undefined ? [...svc] : asIdArray(o.offeredOn, `${f}.offeredOn`);
		for (const id of [...svc, ...offeredOn]) if (!known.has(id)) fail(f, `unknown service ${id}`);
		let breakdown: Array<{ serviceId: number; price: number }> | null = null;
		if (Array.isArray(o.breakdown)) {
			breakdown = o.breakdown.map((b, j) => {
				if (!isRecord(b)) fail(`${f}.breakdown[${j}]`, 'must be {serviceId, price}');
				return {
					serviceId: asPositiveInt(b.serviceId, `${f}.breakdown[${j}].serviceId`),
					price: asPrice(b.price, `${f}.breakdown[${j}].price`),
				};
			});
		}
		return {
			renewPeriod,
			services: svc,
			price: asPrice(o.price, `${f}.price`),
			offeredOn,
			option: asBool(o.option, `${f}.option`, false),
			breakdown,
		};
	});

	const meansRaw = pick('paymentMeans');
	if (!Array.isArray(meansRaw)) fail('paymentMeans', 'must be an array');
	const paymentMeans = meansRaw.map((m, i) => {
		const f = `paymentMeans[${i}]`;
		if (!isRecord(m)) fail(f, 'must be an object');
		const paymentMean = asEnum(m.paymentMean, LEGACY_PAYMENT_MEANS, `${f}.paymentMean`, 'ovhAccount');
		const paymentMeanId =
			m.paymentMeanId === undefined || m.paymentMeanId === null ? null : asPositiveInt(m.paymentMeanId, `${f}.paymentMeanId`);
		if (paymentMeanId === null && ['bankAccount', 'creditCard', 'paypal'].includes(paymentMean)) {
			fail(`${f}.paymentMeanId`, `required for ${paymentMean}`);
		}
		return { paymentMean, paymentMeanId, description: asString(m.description ?? paymentMean, `${f}.description`) };
	});

	const methodsRaw = pick('paymentMethods');
	if (!Array.isArray(methodsRaw)) fail('paymentMethods', 'must be an array');
	const paymentMethods = methodsRaw.map((m, i) => {
		const f = `paymentMethods[${i}]`;
		if (!isRecord(m)) fail(f, 'must be an object');
		return {
			paymentMethodId: asPositiveInt(m.paymentMethodId, `${f}.paymentMethodId`),
			paymentType: asString(m.paymentType, `${f}.paymentType`),
			paymentSubType: asOptString(m.paymentSubType, `${f}.paymentSubType`, null),
			label: asOptString(m.label, `${f}.label`, null),
			default: asBool(m.default, `${f}.default`, false),
			status: asString(m.status ?? 'VALID', `${f}.status`),
			paymentMeanId:
				m.paymentMeanId === undefined || m.paymentMeanId === null ? null : asPositiveInt(m.paymentMeanId, `${f}.paymentMeanId`),
			description: asOptString(m.description, `${f}.description`, null),
			creationDate:
				optDateTime(m.creationDate, now, `${f}.creationDate`, null) ?? resolveDateTime('now', now, `${f}.creationDate`),
			expirationDate: optDateTime(m.expirationDate, now, `${f}.expirationDate`, null),
		};
	});
	uniqueBy(paymentMethods, (m) => m.paymentMethodId, 'paymentMethods[].paymentMethodId');

	const state: SandboxState = {
		version: 1,
		currencyCode,
		taxRate: taxRateRaw,
		nichandle,
		applications,
		credentials,
		services,
		renewOffers,
		paymentMeans,
		paymentMethods,
		orders: [],
		nextOrderId: 0,
	};
	const ordersRaw = pick('orders');
	if (!Array.isArray(ordersRaw)) fail('orders', 'must be an array');
	state.orders = ordersRaw.map((o, i) => normalizeOrder(o, i, now, state, origin));
	uniqueBy(state.orders, (o) => o.orderId, 'orders[].orderId');
	const maxOrder = state.orders.reduce((m, o) => Math.max(m, o.orderId), 0);
	const next = input.nextOrderId === undefined ? Math.max(maxOrder + 1, 240000101) : asPositiveInt(input.nextOrderId, 'nextOrderId');
	state.nextOrderId = Math.max(next, maxOrder + 1);
	return state;
}

/** Reads and normalizes a JSON state file. */
export function loadStateFile(path: string, now: number, origin?: string): SandboxState {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (err) {
		throw new StateError(`cannot read sandbox state file ${path}: ${(err as Error).message}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (err) {
		throw new StateError(`sandbox state file ${path} is not valid JSON: ${(err as Error).message}`);
	}
	return normalizeState(json, now, origin);
}

/** Atomically writes the state as pretty JSON (temp file + rename); creates the folder if needed. */
export function writeStateFile(path: string, json: string): void {
	mkdirSync(dirname(path), { recursive: true });
	const tmp = `${path}.tmp-${String(Date.now())}`;
	writeFileSync(tmp, json, 'utf8');
	renameSync(tmp, path);
}

export function cloneState(state: SandboxState): SandboxState {
	return JSON.parse(JSON.stringify(state)) as SandboxState;
}
