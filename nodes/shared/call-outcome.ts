import { extractOvhError } from './ovh-error';
import type { OvhErrorInfo } from './ovh-error';

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
