/**
 * The one JSON body parser of the sandbox, used by the OVH API and the admin API (each wraps the message in its
 * own error: OVH's "The input provided isn't valid: …", the admin API's "admin: …").
 */
import type { OvhError } from './errors';

/** Parses a request body that must be a JSON object ("" = {}); `fail` turns a reason into the caller's error. */
export function parseJsonObject(bodyText: string, fail: (reason: string) => OvhError): Record<string, unknown> {
	if (bodyText.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(bodyText);
	} catch {
		throw fail('the request body is not valid JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw fail('the request body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}
