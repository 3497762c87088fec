import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { extractOvhError } from './ovh-error';
import type { OvhErrorInfo } from './ovh-error';

/**
 * Errors users read: the hint for an OVH failure (the missing access rule comes from the catalogue entry of the
 * failing call, see api/catalogue.ts), the NodeApiError carrying no request data, and input errors.
 */

/** What the failed call was, to phrase hints (which access rule is missing, what was not found). */
export interface CallContext {
	method: string;
	/** The access rule of the call, from its catalogue entry (routeRule), e.g. `/service/*\/renew`. */
	rule: string;
	/** A phrase for 404s, e.g. `service 12345`. */
	subject?: string;
	/** Number of attempts made (for retried GETs). */
	attempts?: number;
	/** The IAM action of the call, from its catalogue entry (routeIamAction), e.g. `account:apiovh:me/order/pay`. */
	iamAction?: string;
	/** Whether the call was made with a service account (ovhOAuth2Api) rather than application keys. */
	serviceAccount?: boolean;
}

/** What a service account's IAM policy must allow, for hints and the preflight. */
export function iamPolicyHelp(actions: string[]): string {
	return `Add ${actions.length === 1 ? 'the action' : 'the actions'} ${actions.join(', ')} to an IAM policy of the service account (OVH control panel: Identity and Access Management > Policies, identity = the service account, resource = your account), see the package README for the minimal policies.`;
}

export const CREATE_TOKEN_HELP =
	'Create a consumer key with the rule on the createToken page of your platform (e.g. https://eu.api.ovh.com/createToken/), see the package README for a ready-made link.';

function gaveUp(attempts: number | undefined): string {
	return attempts ? ` (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})` : '';
}

export function hintFor(info: OvhErrorInfo, call: CallContext): string {
	const code = info.errorCode ?? '';
	const msg = info.message.toLowerCase();
	if (msg.includes('not granted for this request')) {
		return call.iamAction
			? `IAM refused ${call.method} ${call.rule}: it needs the action ${call.iamAction}. ${iamPolicyHelp([call.iamAction])}`
			: `IAM refused ${call.method} ${call.rule}. Check the IAM policies of the service account or user.`;
	}
	if (msg.includes('token endpoint')) {
		return 'The service account could not obtain a token: nothing was executed by the OVH API.';
	}
	if (call.serviceAccount && info.status === 401) {
		return 'OVH refused the service account token even after fetching a new one: check that Region (or Custom URL) matches the token endpoint of the service account.';
	}
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
