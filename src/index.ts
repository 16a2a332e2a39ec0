// Entry point of the bundled action: the runner's process, its signals.
import { run } from './main.js'

const end = await run({ handleSignals: true })
// After a cancel whose grace ran out, the unanswered request would keep the process alive
// past the runner's kill (SIGTERM 7.5 s after SIGINT, then SIGKILL 2.5 s later): everything is
// reported, so end now. test/e2e/cancel-dist.test.ts shows the step ending in time.
if (end.abandoned) process.exit()
