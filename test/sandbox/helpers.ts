/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only sandbox tests, never shipped */
/**
 * Test helpers: talk to a running sandbox over real HTTP (undici), signing like an OVH client.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { Agent, request } from 'undici';

import { DEMO_KEYS, computeSignature } from '../../sandbox';
import type { RunningSandbox, SigningKeys } from '../../sandbox';

export const agent = new Agent({ keepAliveTimeout: 1000, connections: 16 });

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: unknown;
}

export interface CallOptions {
	/** JSON value (serialized with JSON.stringify) or an exact raw string. */
	body?: unknown;
	rawBody?: string;
	keys?: SigningKeys;
	/** Default: the sandbox server time. */
	timestamp?: number | string;
	/** Base path, default /1.0. */
	base?: string;
	/** Extra headers (override the signed ones). */
	headers?: Record<string, string>;
	/** Do not sign at all. */
	unsigned?: boolean;
	/** Sign this URL (absolute) instead of the one sent. */
	signUrl?: string;
	/** Sign this body instead of the one sent. */
	signBody?: string;
	/** Sign this timestamp instead of the one sent. */
	signTimestamp?: number | string;
	/** Sign with this application secret instead of keys.applicationSecret. */
	signSecret?: string;
}

export async function raw(
	sbx: RunningSandbox,
	method: string,
	path: string,
	opts: { body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
	const res = await request(`${sbx.origin}${path}`, {
		method: method as 'GET',
		headers: opts.headers,
		body: opts.body,
		dispatcher: agent,
	});
	const text = await res.body.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, text, json };
}

/** A signed (unless opts.unsigned) OVH call; `path` is relative to the base (e.g. "/service/12345/renew?x=1"). */
export async function ovh(sbx: RunningSandbox, method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
	const keys = opts.keys ?? DEMO_KEYS;
	const base = opts.base ?? '/1.0';
	const bodyText = opts.rawBody ?? (opts.body === undefined ? '' : JSON.stringify(opts.body));
	const ts = opts.timestamp ?? sbx.serverTime();
	const headers: Record<string, string> = {};
	if (!opts.unsigned) {
		headers['X-Ovh-Application'] = keys.applicationKey;
		headers['X-Ovh-Consumer'] = keys.consumerKey;
		headers['X-Ovh-Timestamp'] = String(ts);
		headers['X-Ovh-Signature'] = computeSignature({
			applicationSecret: opts.signSecret ?? keys.applicationSecret,
			consumerKey: keys.consumerKey,
			method,
			url: opts.signUrl ?? `${sbx.origin}${base}${path}`,
			body: opts.signBody ?? bodyText,
			timestamp: opts.signTimestamp ?? ts,
		});
	}
	if (bodyText) headers['Content-Type'] = 'application/json';
	return raw(sbx, method, `${base}${path}`, {
		body: bodyText === '' ? undefined : bodyText,
		headers: { ...headers, ...opts.headers },
	});
}

export async function admin(sbx: RunningSandbox, method: string, path: string, body?: unknown): Promise<Reply> {
	return raw(sbx, method, `/__sandbox${path}`, {
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
	});
}

export function sleep(ms: number): Promise<void> {
	return delay(ms);
}
