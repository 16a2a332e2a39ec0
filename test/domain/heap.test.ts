import v8 from 'node:v8'
import { describe, expect, it } from 'vitest'
import { createHeapCompactor } from '../../src/heap.js'

describe('createHeapCompactor', () => {
  it('collects once the committed heap has grown by the budget, and not before', () => {
    const compact = createHeapCompactor(8 * 1024 * 1024)
    const before = v8.getHeapStatistics().used_heap_size
    compact() // nothing has grown yet: no collection, nothing freed
    let garbage: { i: number; s: string }[] | null = Array.from({ length: 400_000 }, (_, i) => ({
      i,
      s: `seat-${i}`
    }))
    expect(garbage.length).toBe(400_000)
    garbage = null
    const grown = v8.getHeapStatistics().used_heap_size
    expect(grown - before).toBeGreaterThan(8 * 1024 * 1024)
    compact()
    // the dead objects are gone: the used heap is back near where it started
    expect(v8.getHeapStatistics().used_heap_size).toBeLessThan(before + 8 * 1024 * 1024)
  })
})
