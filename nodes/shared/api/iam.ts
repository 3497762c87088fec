import type { IDataObject } from 'n8n-workflow';

import { callRoute } from '../transport';
import type { OvhContext } from '../transport';
import { ovhRoute } from './catalogue';

/** What the permission preflight reads: the consumer key's rules, the caller's account, IAM authorization checks. */

/** An access rule of a consumer key (`auth.AccessRule`). */
export interface OvhAccessRule extends IDataObject {
	method: string;
	path: string;
}

/** `GET /auth/currentCredential` (`auth.ApiCredential`): the rules of the consumer key in use. */
export async function getCurrentCredentialRules(this: OvhContext, itemIndex?: number): Promise<OvhAccessRule[]> {
	const credential = (await callRoute.call(this, ovhRoute('authCurrentCredential'), { itemIndex })) as IDataObject;
	return Array.isArray(credential.rules) ? (credential.rules as OvhAccessRule[]) : [];
}

/** `GET /auth/details` (`auth.Details`): `account` is the caller's nichandle. */
export async function getAuthDetails(this: OvhContext, itemIndex?: number): Promise<IDataObject> {
	return (await callRoute.call(this, ovhRoute('authDetails'), { itemIndex })) as IDataObject;
}

/** `iam.AuthorizeResponse` */
export interface IamAuthorization {
	authorizedActions: string[];
	unauthorizedActions: string[];
}

/** `POST /v2/iam/resource/{resourceURN}/authorization/check {actions}`: which actions the caller may do there. */
export async function checkAuthorization(
	this: OvhContext,
	resourceURN: string,
	actions: string[],
	itemIndex?: number,
): Promise<IamAuthorization> {
	const answer = (await callRoute.call(this, ovhRoute('iamAuthorizationCheck'), {
		params: { resourceURN },
		body: { actions },
		subject: `resource ${resourceURN}`,
		itemIndex,
	})) as IDataObject;
	const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
	return { authorizedActions: list(answer.authorizedActions), unauthorizedActions: list(answer.unauthorizedActions) };
}
