/** Entry of the `bulwark` command: builds the program and maps failures to exit codes. */
import { buildProgram } from './program.ts';
import { runProgram } from './run.ts';

await runProgram(await buildProgram(process.argv), process.argv);
