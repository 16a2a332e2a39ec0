// Entry point of the bundled action: the runner's process, its signals.
import { run } from './main.js'

await run({ handleSignals: true })
