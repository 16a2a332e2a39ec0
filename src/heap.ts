// Keeps the heap near what is live while 100,000 seats are read. The pages'
// raw objects die young, but so many arrive so fast that V8 grows its young and
// old generations to several times the live size (400 MB for 40 MB of seats on
// Node 24, which sizes them from the machine's memory). A full, memory-reducing
// collection whenever the committed heap has grown by `budgetBytes` keeps the
// peak near live size + budget. Process-wide, so only the entry point creates it.
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'

type Collect = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void

export function createHeapCompactor(budgetBytes = 16 * 1024 * 1024): () => void {
  let collect: Collect
  try {
    v8.setFlagsFromString('--expose-gc')
    collect = runInNewContext('gc') as Collect
  } catch {
    return () => {}
  }
  const committed = () => v8.getHeapStatistics().total_heap_size
  let base = committed()
  return () => {
    if (committed() - base < budgetBytes) return
    // Node 24's V8 shrinks its generations only for a "last resort" collection;
    // Node 20's ignores that option and does so on a plain one.
    collect({ type: 'major', execution: 'sync', flavor: 'last-resort' })
    collect()
    base = committed()
  }
}
