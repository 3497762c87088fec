import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { ovhRoute, routeRule } from './api/catalogue';
import type { OvhRoute, OvhRouteId } from './api/catalogue';
import { checkAuthorization, getAuthDetails, getCurrentCredentialRules } from './api/iam';
import type { OvhAccessRule } from './api/iam';
import { NO_ORDER_SENT_NOTE, nothingSent } from './call-outcome';
import { CREATE_TOKEN_HELP, iamPolicyHelp, withNote } from './errors';
import { iamRegion } from './service-account';
import { SERVICE_ACCOUNT_CREDENTIAL_NAME, credentialName } from './transport';

/**
 * The permission preflight of Create Renew Order: before anything is ordered, prove that the credential may create
 * the renewal order AND pay it, so no order is left unpaid because the key may not pay. Read-only calls, made once
 * per execution (one instance per node run):
 * - application keys: the rules of `GET /auth/currentCredential` must cover the order POST and a payment POST
 *   (OVH's rule matching: same method, `*` spans segments);
 * - service accounts: `POST /v2/iam/resource/{account URN}/authorization/check` with the same routes' IAM actions,
 *   the URN `urn:v1:<region>:resource:account:<nichandle>` built from `GET /auth/details` (`account`).
 */

const ORDER_ROUTE: OvhRouteId = 'renewOrderCreate';
/** Pay Order pays with either route, as its "Pay With" says: one of them is enough. */
const PAY_ROUTES: OvhRouteId[] = ['orderPay', 'orderPayWithRegisteredPaymentMean'];
/** A stand-in order ID: the order does not exist yet, so the rule must cover any order. */
const ANY_ORDER_ID = '1';

/** Whether OVH's access rules allow a call: same method and the rule path matching, `*` spanning segments. */
export function rulesAllow(rules: OvhAccessRule[], method: string, path: string): boolean {
	return rules.some((rule) => {
		if (String(rule.method).toUpperCase() !== method.toUpperCase()) return false;
		const pattern = String(rule.path)
			.split('*')
			.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
			.join('.*');
		return new RegExp(`^${pattern}$`).test(path);
	});
}

function callOf(route: OvhRoute, serviceId: number): string {
	return route.path.replace('{serviceId}', String(serviceId)).replace('{orderId}', ANY_ORDER_ID);
}

const TURN_OFF = 'Nothing was ordered. Fix the access, or turn off Options > Check Permission to Pay.';

function unreadable(error: unknown, what: string): string {
	return `The permission preflight could not ${what}. ${nothingSent(error) ? NO_ORDER_SENT_NOTE : TURN_OFF}`;
}

export class PaymentPreflight {
	private rules?: Promise<OvhAccessRule[]>;

	private missingActions?: Promise<string[]>;

	constructor(private readonly context: IExecuteFunctions) {}

	/** Throws (before any order) when the credential may not create this renewal order or pay it. */
	async ensure(itemIndex: number, serviceId: number): Promise<void> {
		const missing =
			credentialName(this.context) === SERVICE_ACCOUNT_CREDENTIAL_NAME
				? await this.missingIamActions(itemIndex)
				: await this.missingRules(itemIndex, serviceId);
		if (missing === undefined) return;
		throw new NodeOperationError(this.context.getNode(), missing.message, {
			itemIndex,
			description: `${missing.help} ${TURN_OFF}`,
		});
	}

	private async missingRules(itemIndex: number, serviceId: number): Promise<{ message: string; help: string } | undefined> {
		this.rules ??= getCurrentCredentialRules.call(this.context, itemIndex);
		let rules: OvhAccessRule[];
		try {
			rules = await this.rules;
		} catch (error) {
			throw withNote(error, unreadable(error, "read the consumer key's rules"));
		}
		const lacking: string[] = [];
		const order = ovhRoute(ORDER_ROUTE);
		if (!rulesAllow(rules, order.method, callOf(order, serviceId))) lacking.push(`${order.method} ${routeRule(order)}`);
		const pays = PAY_ROUTES.map((id) => ovhRoute(id));
		if (!pays.some((pay) => rulesAllow(rules, pay.method, callOf(pay, serviceId)))) {
			lacking.push(pays.map((pay) => `${pay.method} ${routeRule(pay)}`).join(' (or ') + ')');
		}
		if (lacking.length === 0) return undefined;
		return {
			message: `The consumer key may not ${lacking.length === 2 ? 'create or pay' : lacking[0].includes('/pay') ? 'pay' : 'create'} the renewal order of service ${serviceId}: it lacks the access rule ${lacking.join(' and ')}`,
			help: `Create Renew Order checks this before ordering, so that no order is left unpaid. ${CREATE_TOKEN_HELP}`,
		};
	}

	private async missingIamActions(itemIndex: number): Promise<{ message: string; help: string } | undefined> {
		this.missingActions ??= (async () => {
			const details = await getAuthDetails.call(this.context, itemIndex);
			const credentials = await this.context.getCredentials(SERVICE_ACCOUNT_CREDENTIAL_NAME, itemIndex);
			const urn = `urn:v1:${iamRegion(credentials)}:resource:account:${String(details.account ?? '')}`;
			const actions = [ORDER_ROUTE, ...PAY_ROUTES].map((id) => ovhRoute(id).iamAction);
			const { authorizedActions } = await checkAuthorization.call(this.context, urn, actions, itemIndex);
			const missing: string[] = [];
			if (!authorizedActions.includes(actions[0])) missing.push(actions[0]);
			if (!actions.slice(1).some((action) => authorizedActions.includes(action))) missing.push(actions[1]);
			return missing;
		})();
		let missing: string[];
		try {
			missing = await this.missingActions;
		} catch (error) {
			throw withNote(error, unreadable(error, "check the service account's IAM policies"));
		}
		if (missing.length === 0) return undefined;
		return {
			message: `The service account may not ${missing.length === 2 ? 'create or pay' : missing[0].endsWith('/pay') ? 'pay' : 'create'} renewal orders: IAM does not allow ${missing.join(' and ')}`,
			help: `Create Renew Order checks this before ordering, so that no order is left unpaid. ${iamPolicyHelp(missing)}`,
		};
	}
}
