// How swc compiles the TypeScript sources for tests: types stripped, decorator metadata kept (Nest's injection reads
// it). Jest's transform and the module hooks of specs that start the service in a child process use the same.
export const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};
