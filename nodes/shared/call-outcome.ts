import { extractOvhError } from './ovh-error';
import type { OvhErrorInfo } from './ovh-error';

/**
 * What a failed call means: did OVH answer (and what), did nothing leave this host, or is the outcome unknown (a write
 * that may have taken effect)? One place for these rules; the transport attaches the OVH facts to its errors.
 */

/** What a failed call answered: the OVH facts the transport attached to its NodeApiError, or read from the raw error. */
export function ovhInfoOf(error: unknown): OvhErrorInfo {
	return (error as { context?: { ovh?: OvhErrorInfo } }).context?.ovh ?? extractOvhError(error);
}

/** Whether OVH answered 404 (no such object, e.g. no payment yet for an order). */
export function answeredNotFound(error: unknown): boolean {
	return ovhInfoOf(error).status === 404;
}

/** Whether OVH answered 400 or 404: how a BETA route that OVH does not serve (any more) for this object answers. */
export function answeredUnavailable(error: unknown): boolean {
	const status = ovhInfoOf(error).status;
	return status === 400 || status === 404;
}

/**
 * Network failures that happen before a request leaves this host: nothing reached OVH. A connect timeout counts: no
 * connection, no request.
 */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** The note for an order call (or its preflight) that provably never reached OVH. */
export const NO_ORDER_SENT_NOTE = 'Nothing reached OVH: no order was created. Running the workflow again is safe.';

/** Whether a failed call provably never reached OVH (connection refused, host name not resolved, no route). */
export function nothingSent(error: unknown): boolean {
	const info = ovhInfoOf(error);
	return info.status === undefined && info.networkCode !== undefined && NOT_SENT_CODES.has(info.networkCode);
}

/**
 * Whether a failed write may have reached OVH and taken effect: a timeout or a connection dropped after sending,
 * 408 or 5xx. Not when OVH answered anything else (it refused), nor when nothing was sent.
 */
export function outcomeUnknown(error: unknown): boolean {
	const info = ovhInfoOf(error);
	if (info.status === undefined) return !nothingSent(error);
	return info.status >= 500 || info.status === 408;
}
