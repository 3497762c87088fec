import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

/**
 * Turns whatever n8n's HTTP layer throws into what a user needs: OVH's own message, its error code or class,
 * the HTTP status, the X-Ovh-QueryID that OVH support asks for, and a hint on how to fix it.
 * Nothing from the request (headers, signature, consumer key) is ever copied into the error.
 */

export interface OvhErrorInfo {
	/** HTTP status, when a response was received. */
	status?: number;
	/** Legacy `errorCode` (e.g. NOT_GRANTED_CALL) when OVH sent one. */
	errorCode?: string;
	/** Current `class` (e.g. Client::Forbidden) when OVH sent one. */
	errorClass?: string;
	/** OVH's message, or a readable summary when the body was HTML or empty. */
	message: string;
	queryId?: string;
	/** Seconds from a Retry-After header. */
	retryAfterSeconds?: number;
	/** A socket-level failure code (ECONNRESET, ETIMEDOUT…) when no response arrived. */
	networkCode?: string;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Words for the message: n8n replaces any message containing a code such as ECONNRESET with its own generic text
 * ("You can retry the request immediately"), wrong advice after an order or a payment. The code itself stays in the
 * description.
 */
const NETWORK_PHRASES: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer arrived',
	ECONNABORTED: 'the connection was aborted before an answer arrived',
	EPIPE: 'the connection was closed while sending',
	UND_ERR_SOCKET: 'the connection was closed before an answer arrived',
	ETIMEDOUT: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'the connection timed out',
	UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
	UND_ERR_HEADERS_TIMEOUT: 'the request timed out',
	UND_ERR_BODY_TIMEOUT: 'the request timed out',
	ECONNREFUSED: 'the connection was refused',
	EAI_AGAIN: 'the host name could not be resolved',
	ENOTFOUND: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** The error and everything it wraps (cause, reason, error), outermost first. */
function errorChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	const queue: unknown[] = [error];
	while (queue.length > 0 && chain.length < 12) {
		const current = queue.shift();
		if (!isObject(current) || chain.includes(current)) continue;
		chain.push(current);
		queue.push(current.cause, current.reason, current.error);
	}
	return chain;
}

function headerValue(headers: unknown, name: string): string | undefined {
	if (!isObject(headers)) return undefined;
	const getter = (headers as { get?: unknown }).get;
	if (typeof getter === 'function') {
		const value: unknown = (getter as (n: string) => unknown).call(headers, name);
		if (value !== undefined && value !== null) return String(value);
	}
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	if (!key) return undefined;
	const value = headers[key];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

function parseBody(data: unknown): { json?: Record<string, unknown>; text?: string } {
	if (isObject(data) && !Buffer.isBuffer(data)) return { json: data };
	const text = Buffer.isBuffer(data) ? data.toString('utf8') : typeof data === 'string' ? data : undefined;
	if (text === undefined) return {};
	try {
		const parsed: unknown = JSON.parse(text);
		if (isObject(parsed)) return { json: parsed };
		if (typeof parsed === 'string') return { text: parsed };
	} catch {
		// not JSON: HTML from a proxy, or plain text
	}
	return { text };
}

function summariseText(text: string): string {
	const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
	const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
	return plain.length > 160 ? `${plain.slice(0, 157)}...` : plain;
}

export function extractOvhError(error: unknown): OvhErrorInfo {
	const chain = errorChain(error);
	let status: number | undefined;
	let headers: unknown;
	let data: unknown;
	let networkCode: string | undefined;
	for (const level of chain) {
		const response = level.response;
		if (isObject(response) && status === undefined) {
			const s = Number(response.status ?? response.statusCode);
			if (Number.isFinite(s) && s > 0) {
				status = s;
				headers = response.headers;
				data = response.data ?? response.body;
			}
		}
		if (typeof level.code === 'string' && NETWORK_CODES.has(level.code) && !networkCode) {
			networkCode = level.code;
		}
	}
	if (status === undefined) {
		for (const level of chain) {
			const s = Number(level.httpCode ?? level.statusCode);
			if (Number.isFinite(s) && s >= 100) {
				status = s;
				break;
			}
		}
	}
	if (!networkCode) {
		const text = chain.map((level) => String(level.message ?? '')).join(' ');
		if (/socket hang up|ECONNRESET|other side closed|timeout|timed out/i.test(text)) {
			networkCode = /time/i.test(text) ? 'ETIMEDOUT' : 'ECONNRESET';
		}
	}

	const { json, text } = parseBody(data);
	const info: OvhErrorInfo = {
		status,
		message: '',
		queryId: headerValue(headers, 'x-ovh-queryid'),
	};
	const retryAfter = headerValue(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) info.retryAfterSeconds = Math.max(0, seconds);
		else {
			const date = Date.parse(retryAfter);
			if (Number.isFinite(date)) info.retryAfterSeconds = Math.max(0, Math.ceil((date - Date.now()) / 1000));
		}
	}
	if (json) {
		if (typeof json.errorCode === 'string') info.errorCode = json.errorCode;
		if (typeof json.class === 'string') info.errorClass = json.class;
		if (typeof json.message === 'string') info.message = json.message;
	} else if (text) {
		info.message = summariseText(text);
	}
	if (status === undefined && networkCode) info.networkCode = networkCode;
	if (!info.message) {
		info.message = status
			? `HTTP ${status} without a message`
			: networkCode
				? `no response, ${NETWORK_PHRASES[networkCode] ?? 'the network connection failed'}`
				: String(chain[0]?.message ?? 'Unknown failure');
	}
	return info;
}

/** What the failed call was, to phrase hints (which access rule is missing, what was not found). */
export interface CallContext {
	method: string;
	/** The access-rule form of the path, e.g. `/service/*\/renew`. */
	rule: string;
	/** A phrase for 404s, e.g. `service 12345`. */
	subject?: string;
	/** Number of attempts made (for retried GETs). */
	attempts?: number;
}

export const CREATE_TOKEN_HELP =
	'Create a consumer key with the rule on the createToken page of your platform (e.g. https://eu.api.ovh.com/createToken/), see the package README for a ready-made link.';

function gaveUp(attempts: number | undefined): string {
	return attempts ? ` (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})` : '';
}

export function hintFor(info: OvhErrorInfo, call: CallContext): string {
	const code = info.errorCode ?? '';
	const msg = info.message.toLowerCase();
	if (code === 'NOT_GRANTED_CALL' || msg.includes('has not been granted')) {
		return `The consumer key lacks the access rule ${call.method} ${call.rule}. ${CREATE_TOKEN_HELP}`;
	}
	if (code === 'INVALID_CREDENTIAL' || msg.includes('credential is not valid')) {
		return 'The Consumer Key is invalid, expired, not validated yet, revoked, or was created for another Application Key. Create and validate a new consumer key, then update the credential.';
	}
	if (code === 'INVALID_KEY' || msg.includes('application key is invalid')) {
		return 'The Application Key is unknown on this endpoint. Keys only work on the platform where they were created (EU keys fail on CA/US): check Endpoint in the credential.';
	}
	if (code === 'INVALID_SIGNATURE' || msg.includes('invalid signature')) {
		return 'OVH computed another signature: the Application Secret does not belong to this Application Key (check for a pasted space or a missing character).';
	}
	if (code === 'QUERY_TIME_OUT' || msg.includes('out of time')) {
		return "OVH's clock and this host's still disagree after re-reading /auth/time. Check the system clock of the n8n host (NTP).";
	}
	if (code === 'NOT_CREDENTIAL' || info.status === 401) {
		return 'The request reached OVH unsigned. Check that the node uses an OVH API credential with all three keys filled in.';
	}
	if (info.status === 403) {
		return 'OVH refused this call for this account (IAM policy or account rights). Check the IAM policies of the user who created the consumer key.';
	}
	if (info.status === 404) {
		return `OVH does not know ${call.subject ?? 'this object'} on this account. Check the ID or name, and that the credential's account owns it.`;
	}
	if (info.status === 460) {
		return 'The service has expired at OVH. Expired services cannot be renewed through this call: renew it from the OVH control panel or contact OVH support.';
	}
	if (info.status === 429) {
		return `OVH is limiting the request rate of this consumer key${gaveUp(call.attempts)}. Slow the workflow down (fewer items per run, or a Wait between batches) and run it again.`;
	}
	if (info.status !== undefined && (info.status >= 500 || info.status === 408)) {
		return `OVH is temporarily unavailable${gaveUp(call.attempts)}. Try again later; quote the query ID to OVH support if it persists.`;
	}
	if (info.networkCode) {
		return 'No answer reached n8n: check network access from the n8n host to the OVH API (proxy, firewall, DNS).';
	}
	if (info.status === 400) {
		return 'OVH refused the parameters of this call; its message above says which one.';
	}
	return '';
}

/** A NodeApiError with OVH's message, code, status, query ID and the hint; carries no request data. */
export function toNodeApiError(node: INode, error: unknown, call: CallContext, itemIndex?: number): NodeApiError {
	const info = extractOvhError(error);
	const hint = hintFor(info, call);
	const facts = [
		info.errorCode ?? info.errorClass,
		info.status ? `HTTP ${info.status}` : info.networkCode,
		info.queryId ? `X-Ovh-QueryID ${info.queryId}` : undefined,
	].filter(Boolean);
	const description = [`${call.method} ${call.rule}: ${facts.join(' · ')}`, hint].filter(Boolean).join('\n');
	const safe: JsonObject = {
		message: info.message,
		httpCode: info.status ? String(info.status) : null,
		ovhErrorCode: info.errorCode ?? info.errorClass ?? null,
		ovhQueryId: info.queryId ?? null,
	};
	const apiError = new NodeApiError(node, safe, {
		message: `OVH: ${info.message}`,
		description,
		httpCode: info.status ? String(info.status) : undefined,
		itemIndex,
	});
	apiError.context.ovh = { ...info } as unknown as IDataObject;
	return apiError;
}

/** A user-input message raised before any request is sent. */
export function inputError(node: INode, itemIndex: number, message: string, description: string): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, description });
}

/** The `json` of an output item for a failed item when "Continue On Fail" is on. */
export function errorItemJson(error: unknown): IDataObject {
	const e = error as { message?: string; description?: string | null; httpCode?: string | null; context?: IDataObject };
	const ovh = (e.context?.ovh ?? {}) as Partial<OvhErrorInfo>;
	const json: IDataObject = { error: e.message ?? String(error) };
	if (e.description) json.description = e.description;
	if (e.httpCode) json.httpCode = e.httpCode;
	if (ovh.errorCode ?? ovh.errorClass) json.ovhErrorCode = ovh.errorCode ?? ovh.errorClass;
	if (ovh.queryId) json.ovhQueryId = ovh.queryId;
	return json;
}

/** The error as a NodeApiError/NodeOperationError (the transport already throws those; anything else is wrapped). */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** Adds a sentence to an error's description (e.g. what a failure means for money) and returns the error. */
export function withNote(error: unknown, note: string): NodeApiError | NodeOperationError | Error {
	const target = error instanceof Error ? error : new Error(String(error));
	const described = target as Error & { description?: string | null };
	described.description = [described.description, note].filter(Boolean).join('\n');
	return target;
}
