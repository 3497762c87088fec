/** Jest: TypeScript tests under test/, transpiled by ts-jest (tsconfig.jest.json: isolatedModules, so transpile only; type checking is `npm run typecheck`, run by `npm test`). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
	},
	testTimeout: 30000,
};
