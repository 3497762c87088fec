import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorItemJson } from './errors';

/**
 * The item loop every node uses: one handler call per input item, output items paired with their input,
 * "Continue On Fail" turning a failure into an `error` item for that input only, and every thrown error tagged
 * with its item index.
 */
export async function processItems(
	context: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await handler(itemIndex);
			output.push(
				...context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(results), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (context.continueOnFail()) {
				const json = errorItemJson(error);
				if (context.getNode().onError === 'continueErrorOutput') {
					// n8n moves to the error output only items whose json has no key besides error, message and details
					// (and merges the input item into them): the rest of the failure goes under `details`.
					const { error: message, ...details } = json;
					output.push({
						json: Object.keys(details).length ? { error: message, details } : { error: message },
						pairedItem: { item: itemIndex },
					});
				} else {
					output.push({ json, pairedItem: { item: itemIndex } });
				}
				continue;
			}
			throw tagged(context, error, itemIndex);
		}
	}
	return output;
}

function tagged(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const failure = asNodeError(context.getNode(), error, itemIndex);
	if (failure.context.itemIndex === undefined) failure.context.itemIndex = itemIndex;
	return failure;
}

/**
 * The item loop for nodes that order or pay: every item's input is checked first, before any request for any
 * item, so one bad item in a batch stops the node before the others were ordered or paid (unless "Continue On
 * Fail" is on: then only the bad items fail). `check` must not send requests.
 */
export async function processCheckedItems<T>(
	context: IExecuteFunctions,
	check: (itemIndex: number) => T,
	run: (itemIndex: number, input: T) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const checked: Array<{ input: T } | { error: unknown }> = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			checked.push({ input: check(itemIndex) });
		} catch (error) {
			if (!context.continueOnFail()) throw tagged(context, error, itemIndex);
			checked.push({ error });
		}
	}
	return await processItems(context, async (itemIndex) => {
		const entry = checked[itemIndex];
		if ('error' in entry) throw tagged(context, entry.error, itemIndex);
		return await run(itemIndex, entry.input);
	});
}
