/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only OVH sandbox server, never shipped */
/**
 * HTTP plumbing: body reading, /1.0 and /v1 bases (plus /v2 IAM and the OAuth2 token endpoint), X-Ovh-QueryID, error shapes, faults, request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

import { handleAdmin } from './admin-api';
import { handleV2 } from './api-iam';
import { GRANT_ENDPOINT, handleOAuthAdmin, handleToken } from './api-oauth';
import type { SandboxCore } from './core';
import { INVALID_URL_MESSAGE, OvhError, errorBody, errorLabel, STATUS_TEXT } from './errors';
import { credentialIdFor, handleOvh } from './ovh-api';
import type { OvhRequest } from './ovh-api';
import type { ActiveFault, ErrorShape, LoggedRequest } from './types';

const MAX_BODY = 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

interface Reply {
	status: number;
	/** Serialized body. */
	text: string;
	contentType: string;
	headers: Record<string, string>;
	error: string | null;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
	const v = req.headers[name];
	return Array.isArray(v) ? v[0] : v;
}

/** scheme://host the client used: Host header as received; X-Forwarded-Proto (http|https) honoured for TLS proxies. */
function requestOrigin(req: IncomingMessage): string {
	const proto = (firstHeader(req, 'x-forwarded-proto') ?? '').split(',')[0].trim().toLowerCase();
	const scheme = proto === 'https' || proto === 'http' ? proto : 'http';
	const host = firstHeader(req, 'host') ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}`;
	return `${scheme}://${host}`;
}

function jsonReply(status: number, value: unknown, error: string | null = null): Reply {
	return { status, text: JSON.stringify(value === undefined ? null : value), contentType: JSON_TYPE, headers: {}, error };
}

function errorReply(err: OvhError, shape: ErrorShape): Reply {
	const reply = jsonReply(err.status, errorBody(err, shape), errorLabel(err));
	if (err.retryAfter !== undefined) reply.headers['Retry-After'] = String(err.retryAfter);
	return reply;
}

function send(res: ServerResponse, reply: Reply): void {
	if (res.destroyed) return;
	const buf = Buffer.from(reply.text, 'utf8');
	res.statusCode = reply.status;
	res.statusMessage = STATUS_TEXT[reply.status] ?? 'Unknown';
	res.setHeader('Content-Type', reply.contentType);
	res.setHeader('Content-Length', buf.length);
	res.setHeader('Cache-Control', 'no-cache');
	for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
	res.end(buf);
}

function htmlPage(status: number): string {
	const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function defaultFaultMessage(status: number): string {
	if (status === 429) return 'Too many requests';
	if (status === 408) return 'Request timeout';
	if (status >= 500) return 'Service is temporarily unavailable';
	return STATUS_TEXT[status] ?? 'Error';
}

/** The reply a status/html fault sends (null for drop/latency). */
function faultReply(fault: ActiveFault, shape: ErrorShape): Reply | null {
	const headers: Record<string, string> = {};
	if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
	if (fault.type === 'html') {
		const status = fault.status ?? 502;
		return { status, text: htmlPage(status), contentType: 'text/html', headers, error: `html ${status}` };
	}
	if (fault.type === 'status') {
		const status = fault.status ?? 500;
		let body: unknown;
		if (fault.body !== undefined) body = fault.body;
		else if (status >= 500 || status === 408) body = { message: defaultFaultMessage(status) };
		else body = errorBody(new OvhError(status, defaultFaultMessage(status)), shape);
		return { ...jsonReply(status, body, `fault ${status}`), headers };
	}
	return null;
}

function describeFault(fault: ActiveFault): string {
	const when = fault.when ?? 'before';
	if (fault.type === 'latency') return `latency ${fault.delayMs ?? 0}ms (${when})`;
	if (fault.type === 'drop') return `drop (${when})`;
	return `${fault.type} ${fault.status ?? (fault.type === 'html' ? 502 : 500)} (${when})`;
}

function parseBodyForLog(text: string): unknown {
	if (text === '') return null;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function queryObject(q: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of q) {
		const prev = out[k];
		out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}

function errorShapeFor(core: SandboxCore, req: IncomingMessage): ErrorShape {
	const override = firstHeader(req, 'x-sandbox-error-shape');
	return override === 'legacy' || override === 'current' ? override : core.errorShape;
}

export function createRequestHandler(core: SandboxCore): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		handle(core, req, res).catch((err: unknown) => {
			// Last resort: never leave a request hanging.
			if (!res.headersSent && !res.destroyed) {
				send(res, jsonReply(500, { class: 'Server::InternalServerError', message: String(err) }));
			}
		});
	};
}

async function handle(core: SandboxCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const started = Date.now();
	const queryId = core.nextQueryId();
	res.setHeader('X-Ovh-QueryID', queryId);
	const method = (req.method ?? 'GET').toUpperCase();
	const rawUrl = req.url ?? '/';
	const qIndex = rawUrl.indexOf('?');
	const rawPath = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
	const rawQuery = qIndex === -1 ? '' : rawUrl.slice(qIndex + 1);
	const query = new URLSearchParams(rawQuery);
	const origin = requestOrigin(req);
	const shape = errorShapeFor(core, req);

	const body = await readBody(req);
	if (body === null) {
		send(res, errorReply(new OvhError(413, 'Request body too large'), shape));
		return;
	}
	const bodyText = body.toString('utf8');

	core.refreshOrders();

	// ------------------------------------------------------------------ admin
	if (rawPath === '/__sandbox' || rawPath.startsWith('/__sandbox/')) {
		let reply: Reply;
		try {
			const adminPath = rawPath.slice('/__sandbox'.length);
			const r =
				adminPath === '/oauth'
					? handleOAuthAdmin(core, method, bodyText)
					: handleAdmin(core, { method, path: adminPath, query, bodyText, origin });
			reply = jsonReply(r.status, r.body);
		} catch (err) {
			if (err instanceof OvhError) reply = errorReply(err, 'current');
			else reply = jsonReply(500, { class: 'Server::InternalServerError', message: (err as Error).message });
		}
		send(res, reply);
		core.persist();
		return;
	}

	// ------------------------------------------------------------------ OVH API
	let basePath: '/1.0' | '/v1' | '/v2' | null = null;
	let relPath = rawPath;
	for (const base of ['/1.0', '/v1', '/v2'] as const) {
		if (rawPath === base || rawPath.startsWith(`${base}/`)) {
			basePath = base;
			relPath = rawPath.slice(base.length) || '/';
			break;
		}
	}
	let decodedPath: string | null;
	try {
		decodedPath = decodeURIComponent(relPath);
	} catch {
		decodedPath = null;
	}

	const logBase: Omit<LoggedRequest, 'id' | 'status' | 'error' | 'fault' | 'durationMs'> = {
		time: new Date(core.now()).toISOString(),
		method,
		path: relPath,
		basePath,
		rawUrl,
		query: queryObject(query),
		headers: {},
		signed: firstHeader(req, 'x-ovh-signature') !== undefined,
		hasConsumerKey: firstHeader(req, 'x-ovh-consumer') !== undefined,
		credentialId: credentialIdFor(core, req.headers),
		// The token endpoint's form carries the client secret: never logged.
		body: rawPath === GRANT_ENDPOINT ? null : parseBodyForLog(bodyText),
		queryId,
	};
	const ak = firstHeader(req, 'x-ovh-application');
	const ts = firstHeader(req, 'x-ovh-timestamp');
	if (ak !== undefined) logBase.headers['X-Ovh-Application'] = ak;
	if (ts !== undefined) logBase.headers['X-Ovh-Timestamp'] = ts;

	const finish = (status: number, error: string | null, fault: ActiveFault | null): void => {
		core.appendLog({
			...logBase,
			status,
			error,
			fault: fault ? describeFault(fault) : null,
			durationMs: Date.now() - started,
		});
		core.persist();
	};

	const fault = core.takeFault(method, decodedPath ?? relPath);
	const when = fault?.when ?? 'before';

	if (fault && when === 'before') {
		if (fault.type === 'latency') {
			await delay(fault.delayMs ?? 0);
		} else if (fault.type === 'drop') {
			req.socket.destroy();
			finish(0, null, fault);
			return;
		} else {
			const reply = faultReply(fault, shape) as Reply;
			send(res, reply);
			finish(reply.status, reply.error, fault);
			return;
		}
	}

	let reply: Reply;
	if (rawPath === GRANT_ENDPOINT) {
		const answer = handleToken(core, method, req.headers, bodyText);
		const error = (answer.body as { error?: string }).error ?? null;
		reply = { ...jsonReply(answer.status, answer.body), error };
	} else if (basePath === null) {
		reply = errorReply(new OvhError(404, INVALID_URL_MESSAGE), shape);
	} else {
		try {
			const ovhReq = {
				method,
				rawUrl,
				relPath,
				decodedPath,
				query,
				headers: req.headers,
				bodyText,
				origin,
			} satisfies OvhRequest;
			const r = basePath === '/v2' ? handleV2(core, ovhReq) : handleOvh(core, ovhReq);
			reply = jsonReply(r.status, r.body);
		} catch (err) {
			if (err instanceof OvhError) reply = errorReply(err, shape);
			else {
				reply = errorReply(new OvhError(500, `Internal sandbox error: ${(err as Error).message}`), shape);
			}
		}
	}

	if (fault && when === 'after') {
		if (fault.type === 'latency') {
			await delay(fault.delayMs ?? 0);
		} else if (fault.type === 'drop') {
			req.socket.destroy();
			finish(0, reply.error, fault);
			return;
		} else {
			const replaced = faultReply(fault, shape) as Reply;
			send(res, replaced);
			finish(replaced.status, replaced.error, fault);
			return;
		}
	}

	send(res, reply);
	finish(reply.status, reply.error, fault);
}
