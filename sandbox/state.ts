/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only OVH sandbox (no n8n node context), never shipped */
/**
 * Loading, validating and normalizing sandbox state (the JSON state file format, see sandbox/README.md).
 * Field validators: state-validate.ts; services: state-services.ts; orders: state-orders.ts.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { DEFAULT_STATE } from './default-state';
import { normalizeOrder } from './state-orders';
import { normalizeService } from './state-services';
import {
	asBool,
	asEnum,
	asIdArray,
	asIdListOrNull,
	asNonNegativeInt,
	asStatusLag,
	asOptString,
	asPositiveInt,
	asPrice,
	asRateLimit,
	asString,
	CREDENTIAL_STATUSES,
	fail,
	isRecord,
	LEGACY_PAYMENT_MEANS,
	normalizeRules,
	optDateTime,
	StateError,
	uniqueBy,
} from './state-validate';
import { parseIsoDuration, resolveDateTime } from './time';
import type { SandboxCredential, SandboxState, SandboxStateInput } from './types';

export { LEGACY_PAYMENT_MEANS, StateError } from './state-validate';
export { buildOrderDetails, cents, taxFor } from './state-orders';

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
		orderStatusLag: asStatusLag(pick('orderStatusLag'), 'orderStatusLag'),
		orderPaymentMethods: asIdListOrNull(pick('orderPaymentMethods'), 'orderPaymentMethods'),
		expiredServiceGraceDays: asNonNegativeInt(pick('expiredServiceGraceDays'), 'expiredServiceGraceDays', 30),
		batchEnabled: asBool(pick('batchEnabled'), 'batchEnabled', true),
		rateLimitPerSecond: asRateLimit(pick('rateLimitPerSecond'), 'rateLimitPerSecond'),
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
