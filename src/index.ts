// Entry point of the bundled action.
import { run } from './main.js'

await run({ handleSignals: true })
// Leftover keep-alive sockets or retry timers must not hold the step open.
process.exit()
