/**
 * OVH error bodies, in the two shapes that are live on the real API.
 *   current: {"class":"Client::BadRequest","message":"Invalid signature"}
 *   legacy:  {"errorCode":"INVALID_SIGNATURE","httpCode":"400 Bad Request","message":"Invalid signature"}
 */
import type { ErrorShape } from './types';

export const STATUS_TEXT: Record<number, string> = {
	200: 'OK',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	408: 'Request Timeout',
	409: 'Conflict',
	413: 'Payload Too Large',
	429: 'Too Many Requests',
	460: 'Service Expired',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

const ERROR_CLASS: Record<number, string> = {
	400: 'Client::BadRequest',
	401: 'Client::Unauthorized',
	403: 'Client::Forbidden',
	404: 'Client::NotFound',
	405: 'Client::MethodNotAllowed',
	408: 'Client::RequestTimeout',
	409: 'Client::Conflict',
	413: 'Client::PayloadTooLarge',
	429: 'Client::TooManyRequests',
	460: 'Client::Gone',
	500: 'Server::InternalServerError',
	502: 'Server::BadGateway',
	503: 'Server::ServiceUnavailable',
	504: 'Server::GatewayTimeout',
};

export function errorClass(status: number): string {
	return ERROR_CLASS[status] ?? (status >= 500 ? 'Server::InternalServerError' : 'Client::BadRequest');
}

/** An OVH API error, rendered by the server in the configured shape. */
export class OvhError extends Error {
	constructor(
		readonly status: number,
		message: string,
		/** Legacy errorCode (only where OVH has one: INVALID_SIGNATURE, QUERY_TIME_OUT, NOT_CREDENTIAL, …). */
		readonly errorCode?: string,
		/** Seconds, sent as Retry-After (rate limit). */
		readonly retryAfter?: number,
	) {
		super(message);
	}
}

export const badRequest = (message: string): OvhError => new OvhError(400, message);
export const invalidInput = (detail: string): OvhError => new OvhError(400, `The input provided isn't valid: ${detail}`);
export const notFound = (message: string): OvhError => new OvhError(404, message);
export const INVALID_URL_MESSAGE = 'Got an invalid (or empty) URL';

export function errorBody(err: OvhError, shape: ErrorShape): Record<string, unknown> {
	if (shape === 'legacy') {
		const body: Record<string, unknown> = {};
		if (err.errorCode) body.errorCode = err.errorCode;
		body.httpCode = `${err.status} ${STATUS_TEXT[err.status] ?? 'Error'}`;
		body.message = err.message;
		return body;
	}
	return { class: errorClass(err.status), message: err.message };
}

/** Label for the request log: the legacy errorCode when there is one, else the class. */
export function errorLabel(err: OvhError): string {
	return err.errorCode ?? errorClass(err.status);
}
