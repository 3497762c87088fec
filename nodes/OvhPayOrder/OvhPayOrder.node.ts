import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { authenticationProperty, credentialsDescription } from '../shared/descriptions';
import { properties } from './description';
import { getPaymentMethods, payOrder } from './execute';

export class OvhPayOrder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVH Pay Order',
		name: 'ovhPayOrder',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Pay order " + $parameter["orderId"] }}',
		description:
			"Pay an OVH order with the account's default payment method, a chosen one or a registered payment mean. THIS CHARGES THE ACCOUNT: only use it after a human approved the amount (e.g. behind a Wait or Send and Wait approval step), and bind Max Amount to that amount. It pays only an unpaid, unexpired order within Max Amount, once: an order already paid is reported as alreadyPaid and never paid twice.",
		defaults: { name: 'OVH Pay Order' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [authenticationProperty, ...properties],
	};

	methods = { loadOptions: { getPaymentMethods } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await payOrder.call(this)];
	}
}
