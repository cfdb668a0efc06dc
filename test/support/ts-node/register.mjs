// `node --import ./test/support/ts-node/register.mjs src/main.ts`: the service from its sources, without a build.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
