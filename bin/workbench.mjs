#!/usr/bin/env node
// The `workbench` command: runs src/cli/main.ts through tsx, from any working directory.
import { tsImport } from 'tsx/esm/api';

const { run } = await tsImport('../src/cli/main.ts', import.meta.url);
await run(process.argv.slice(2));
