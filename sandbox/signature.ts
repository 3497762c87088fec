/**
 * OVH request signature ("$1$" scheme), pure functions.
 *
 *   X-Ovh-Signature = "$1$" + sha1hex(AS + "+" + CK + "+" + METHOD + "+" + URL + "+" + BODY + "+" + TIMESTAMP)
 *
 * URL is the exact absolute URL on the wire (scheme + host + path + ?query, undecoded), BODY the exact body
 * string ("" when none), TIMESTAMP the same string as the X-Ovh-Timestamp header. Identical to the official
 * python/go/php/node clients; the server side of the sandbox verifies with the same function.
 *
 * Deliberately a second implementation, independent of the package's nodes/shared/signing.ts: the sandbox is the
 * oracle the package is tested against, so sharing one function would let a signing bug pass every test.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface SignatureInput {
	applicationSecret: string;
	consumerKey: string;
	/** HTTP method; used upper case (as every official client does). */
	method: string;
	/** Absolute URL exactly as sent, e.g. `https://eu.api.ovh.com/1.0/service?x=1`. */
	url: string;
	/** Exact body string sent; "" (or undefined/null) when there is no body. */
	body?: string | null;
	/** Unix seconds, the exact X-Ovh-Timestamp value. */
	timestamp: number | string;
}

/** The string that gets hashed (exposed for debugging "Invalid signature" reports). */
export function signaturePayload(input: SignatureInput): string {
	return [
		input.applicationSecret,
		input.consumerKey,
		input.method.toUpperCase(),
		input.url,
		input.body ?? '',
		String(input.timestamp),
	].join('+');
}

/** `$1$` + lowercase hex SHA-1 of the UTF-8 payload. */
export function computeSignature(input: SignatureInput): string {
	return '$1$' + createHash('sha1').update(signaturePayload(input), 'utf8').digest('hex');
}

/** Constant-time comparison of two signature strings. */
export function signaturesEqual(expected: string, received: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(received, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

export interface SigningKeys {
	applicationKey: string;
	applicationSecret: string;
	consumerKey: string;
}

/**
 * Headers for a signed call (test/dev helper): X-Ovh-Application, X-Ovh-Consumer, X-Ovh-Timestamp,
 * X-Ovh-Signature, plus Content-Type when there is a body.
 */
export function signedHeaders(
	keys: SigningKeys,
	method: string,
	url: string,
	body: string | null | undefined,
	timestamp: number | string,
): Record<string, string> {
	const headers: Record<string, string> = {
		'X-Ovh-Application': keys.applicationKey,
		'X-Ovh-Consumer': keys.consumerKey,
		'X-Ovh-Timestamp': String(timestamp),
		'X-Ovh-Signature': computeSignature({
			applicationSecret: keys.applicationSecret,
			consumerKey: keys.consumerKey,
			method,
			url,
			body: body ?? '',
			timestamp,
		}),
	};
	if (body) headers['Content-Type'] = 'application/json';
	return headers;
}
