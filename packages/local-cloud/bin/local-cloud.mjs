#!/usr/bin/env node
// The local cloud is TypeScript run from source; tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
