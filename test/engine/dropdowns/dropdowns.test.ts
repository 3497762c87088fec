// The editor's dropdowns (listSearch / loadOptions of the renewal nodes) run the way the editor runs them, against
// the OVH sandbox.

import { OvhCreateRenewOrder } from '../../../nodes/OvhCreateRenewOrder/OvhCreateRenewOrder.node';
import { OvhPayOrder } from '../../../nodes/OvhPayOrder/OvhPayOrder.node';
import type { RunningSandbox } from '../../../sandbox';
import { runLoadOptions } from '../../harness';
import {
	CREDENTIAL_TYPES,
	byIdLocator,
	callList,
	ovhCredentialStore,
	useSandbox,
} from '../helpers';

const DELIVERY_DELAY_MS = 150;

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: DELIVERY_DELAY_MS });
beforeEach(() => {
	sbx = sandbox();
});

describe("the editor's dropdowns", () => {
	const methodOptions = () => ({ credentialTypes: CREDENTIAL_TYPES, credentials: ovhCredentialStore(sbx) });

	it('Create Renew Order › getRenewPeriods lists the periods of the chosen service with their offers', async () => {
		const options = await runLoadOptions(OvhCreateRenewOrder, 'getRenewPeriods', {
			...methodOptions(),
			parameters: { serviceId: byIdLocator(12345) },
		});
		expect(options).toEqual([{ name: 'P1Y', value: 'P1Y', description: '[12345] 1.99 € · [67890, 12345] 37.87 €' }]);

		const vps = await runLoadOptions(OvhCreateRenewOrder, 'getRenewPeriods', {
			...methodOptions(),
			parameters: { serviceId: byIdLocator(112233) },
		});
		expect(vps.map((o) => o.value)).toEqual(['P1M', 'P3M', 'P6M', 'P1Y']);
		expect(vps[1]).toEqual({ name: 'P3M', value: 'P3M', description: '[112233] 18.00 €' });
	});

	it('getRenewPeriods returns nothing (and calls nothing) until a service is chosen', async () => {
		const options = await runLoadOptions(OvhCreateRenewOrder, 'getRenewPeriods', methodOptions());
		expect(options).toEqual([]);
		expect(callList(sbx)).toEqual([]);
	});

	it('Pay Order › getPaymentMethods lists the payment methods with type, label, default and status', async () => {
		const options = await runLoadOptions(OvhPayOrder, 'getPaymentMethods', {
			...methodOptions(),
			parameters: { payWith: 'paymentMethod' },
		});
		expect(options).toEqual([
			{ name: 'CREDIT_CARD **** **** **** 4242 · 1111 (default)', value: 1111, description: 'Status: VALID' },
			{ name: expect.stringContaining('SEPA_DIRECT_DEBIT') as unknown, value: 2222, description: 'Status: VALID' },
			{ name: expect.stringContaining('· 3333') as unknown, value: 3333, description: 'Status: EXPIRED' },
		]);
		expect(callList(sbx)).toEqual([
			'GET /me/payment/method',
			'GET /me/payment/method/1111',
			'GET /me/payment/method/2222',
			'GET /me/payment/method/3333',
		]);
	});
});
