/**
 * Field validators of the state file format: each throws StateError naming the offending field.
 */
import { resolveDate, resolveDateTime } from './time';
import type {
	OrderStatusLag,
	AccessRule,
	BillingState,
	CredentialStatus,
	HttpMethod,
	LegacyPaymentMean,
	OrderStatus,
	RenewalType,
	ResourceState,
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
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
export const CREDENTIAL_STATUSES: readonly CredentialStatus[] = ['expired', 'pendingValidation', 'refused', 'validated'];
export const SERVICE_STATUSES: readonly ServiceStatus[] = [
	'autorenewInProgress',
	'expired',
	'inCreation',
	'ok',
	'pendingDebt',
	'unPaid',
];
export const BILLING_STATES: readonly BillingState[] = ['expired', 'ok', 'pending', 'unpaid'];
export const RESOURCE_STATES: readonly ResourceState[] = [
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
export const RENEWAL_TYPES: readonly RenewalType[] = [
	'automaticForcedProduct',
	'automaticV2012',
	'automaticV2014',
	'automaticV2016',
	'automaticV2024',
	'manual',
	'oneShot',
	'option',
];
export const ORDER_STATUSES: readonly OrderStatus[] = [
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

export function fail(field: string, msg: string): never {
	throw new StateError(`invalid sandbox state: ${field}: ${msg}`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asPositiveInt(v: unknown, field: string): number {
	if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) fail(field, 'must be a positive integer');
	return v;
}

export function asString(v: unknown, field: string): string {
	if (typeof v !== 'string' || v === '') fail(field, 'must be a non-empty string');
	return v;
}

export function asOptString(v: unknown, field: string, dflt: string | null): string | null {
	if (v === undefined) return dflt;
	if (v === null) return null;
	if (typeof v !== 'string') fail(field, 'must be a string or null');
	return v;
}

export function asBool(v: unknown, field: string, dflt: boolean): boolean {
	if (v === undefined) return dflt;
	if (typeof v !== 'boolean') fail(field, 'must be a boolean');
	return v;
}

export function asEnum<T extends string>(v: unknown, allowed: readonly T[], field: string, dflt: T): T {
	if (v === undefined) return dflt;
	if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
		fail(field, `must be one of ${allowed.join(', ')}`);
	}
	return v as T;
}

export function asPrice(v: unknown, field: string): number {
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(field, 'must be a non-negative number');
	return Math.round(v * 100) / 100;
}

export function asIdArray(v: unknown, field: string): number[] {
	if (!Array.isArray(v) || v.length === 0) fail(field, 'must be a non-empty array of service ids');
	return v.map((x, i) => asPositiveInt(x, `${field}[${i}]`));
}

export function optDate(v: unknown, now: number, field: string, dflt: string | null): string | null {
	if (v === undefined) return dflt;
	if (v === null) return null;
	return resolveDate(asString(v, field), now, field);
}

export function optDateTime(v: unknown, now: number, field: string, dflt: string | null): string | null {
	if (v === undefined) return dflt;
	if (v === null) return null;
	return resolveDateTime(asString(v, field), now, field);
}

export function uniqueBy<T>(items: T[], key: (t: T) => string | number, field: string): void {
	const seen = new Set<string | number>();
	for (const it of items) {
		const k = key(it);
		if (seen.has(k)) fail(field, `duplicate ${String(k)}`);
		seen.add(k);
	}
}

export function normalizeRules(v: unknown, field: string): AccessRule[] {
	if (!Array.isArray(v)) fail(field, 'must be an array of {method, path}');
	return v.map((r, i) => {
		if (!isRecord(r)) fail(`${field}[${i}]`, 'must be {method, path}');
		const method = asEnum(r.method, HTTP_METHODS, `${field}[${i}].method`, 'GET');
		const path = asString(r.path, `${field}[${i}].path`);
		if (!path.startsWith('/')) fail(`${field}[${i}].path`, 'must start with "/"');
		return { method, path };
	});
}


/** A list of ids that may be empty, or null (= no restriction). */
export function asIdListOrNull(v: unknown, field: string): number[] | null {
	if (v === undefined || v === null) return null;
	if (!Array.isArray(v)) fail(field, 'must be an array of ids or null');
	return v.map((x, i) => asPositiveInt(x, `${field}[${i}]`));
}

export function asNonNegativeInt(v: unknown, field: string, dflt = 0): number {
	if (v === undefined || v === null) return dflt;
	if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(field, 'must be an integer >= 0');
	return v;
}

/** {delayMs, reads}, both integers >= 0 (missing = 0). */
export function asStatusLag(v: unknown, field: string): OrderStatusLag {
	if (v === undefined || v === null) return { delayMs: 0, reads: 0 };
	if (!isRecord(v)) fail(field, 'must be {delayMs, reads}');
	const extra = Object.keys(v).filter((k) => k !== 'delayMs' && k !== 'reads');
	if (extra.length) fail(field, `unknown field ${extra[0]} (expected delayMs, reads)`);
	return { delayMs: asNonNegativeInt(v.delayMs, `${field}.delayMs`), reads: asNonNegativeInt(v.reads, `${field}.reads`) };
}

/** Requests per second (a positive integer) or null = no limit. */
export function asRateLimit(v: unknown, field: string): number | null {
	if (v === undefined || v === null) return null;
	return asPositiveInt(v, field);
}
