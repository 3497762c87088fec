/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only OVH sandbox server, never shipped */
/**
 * What every OVH route family shares: the request/route types, order.Price, input validation helpers and the
 * lookups of a path's service / order.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { SandboxCore } from './core';
import { OvhError, badRequest, invalidInput, notFound } from './errors';
import { parseJsonObject } from './json-body';
import type { SandboxServiceAccount } from './service-accounts';
import { parseDateTime } from './time';
import type { HttpMethod, SandboxCredential, SandboxOrder, SandboxService } from './types';

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

export interface RouteCtx {
	core: SandboxCore;
	req: OvhRequest;
	params: Record<string, string>;
	credential: SandboxCredential | null;
	/** The service account of a Bearer-authenticated call (then `credential` is null). */
	serviceAccount?: SandboxServiceAccount;
}

/** One OVH route: `path` is OVH's template with OVH's parameter names (`/service/{serviceId}/renew`). */
export interface RouteDef {
	method: HttpMethod;
	path: string;
	auth: boolean;
	handler: (ctx: RouteCtx) => unknown;
	/** Accepts batch GETs: its last path parameter may hold several values joined by the `X-Ovh-Batch` separator. */
	batch?: boolean;
}

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

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const v = headers[name];
	return Array.isArray(v) ? v[0] : v;
}

export function parseBody(req: OvhRequest): Record<string, unknown> {
	return parseJsonObject(req.bodyText, invalidInput);
}

export function rejectUndescribed(body: Record<string, unknown>, allowed: string[]): void {
	const extra = Object.keys(body).filter((k) => !allowed.includes(k));
	if (extra.length) throw badRequest(`Received not described parameters: (${extra.join(', ')})`);
}

export function requireProp(body: Record<string, unknown>, name: string): unknown {
	if (body[name] === undefined || body[name] === null) throw invalidInput(`'${name}' is a required property`);
	return body[name];
}

export function pathId(raw: string, name: string): number {
	if (!/^\d{1,15}$/.test(raw) || Number(raw) === 0) throw invalidInput(`'${name}' must be a positive integer (got '${raw}')`);
	return Number(raw);
}

export function isPositiveInt(v: unknown): v is number {
	return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

export function queryBoolean(req: OvhRequest, name: string): boolean | undefined {
	const v = req.query.get(name);
	if (v === null) return undefined;
	if (v === 'true') return true;
	if (v === 'false') return false;
	throw invalidInput(`'${name}' must be a boolean: true or false (got '${v}')`);
}

export function queryDateTime(req: OvhRequest, name: string): number | undefined {
	const v = req.query.get(name);
	if (v === null || v === '') return undefined;
	const ms = parseDateTime(v);
	if (Number.isNaN(ms)) throw invalidInput(`'${name}' must be an ISO-8601 datetime (got '${v}')`);
	return ms;
}

/** 460 "This Service is expired" (python-ovh: ResourceExpiredError). */
export const serviceExpired = (): OvhError => new OvhError(460, 'This Service is expired');

export function getService(ctx: RouteCtx): SandboxService {
	const id = pathId(ctx.params.serviceId, 'serviceId');
	const svc = ctx.core.findService(id);
	if (!svc) throw notFound('This service does not exist');
	return svc;
}

export function getOrder(ctx: RouteCtx): SandboxOrder {
	const id = pathId(ctx.params.orderId, 'orderId');
	const order = ctx.core.findOrder(id);
	if (!order) throw notFound(`The requested object (orderId = ${id}) does not exist`);
	return order;
}
