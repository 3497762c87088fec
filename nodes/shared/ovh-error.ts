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
