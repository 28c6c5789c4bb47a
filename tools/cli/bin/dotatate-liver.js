#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly so the command always matches the checked-out code.
require('tsx/cjs');
require('../src/main.ts')
  .main(process.argv.slice(2))
  .then((exitCode) => {
    process.exitCode = exitCode;
  });
