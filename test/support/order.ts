import { expect } from 'vitest'

/**
 * `cmp` puts `sorted` in exactly this order, whichever way round each pair is
 * given (a comparator that only works one way round sorts differently on
 * different inputs), and finds each item equal to itself.
 */
export function expectStrictOrder<T>(cmp: (a: T, b: T) => number, sorted: readonly T[]): void {
  sorted.forEach((a, i) =>
    sorted.forEach((b, j) => {
      expect(Math.sign(cmp(a, b)), `item ${i} against item ${j}`).toBe(Math.sign(i - j))
    })
  )
}

/** Every order of `items` (n! of them: keep n small). */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest])
  )
}
