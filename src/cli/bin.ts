#!/usr/bin/env node
// Entry point of the `ludus` binary.
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
