import { describe, expect, it } from 'vitest'
import {
  EMU_SUFFIX_MAX,
  isLogin,
  loginExcerpt,
  MAX_PROBLEMS,
  parseLoginFile,
  parseNameList
} from '../../src/login-list.js'

const ok = (names: string[]) => ({ names, problems: [], problemCount: 0 })

describe('parseNameList', () => {
  it('splits on commas, spaces and newlines, drops @, lower-cases and merges duplicates', () => {
    expect(parseNameList(' @Mona, octocat\nHubot\t\tmona ,, @OCTOCAT ', 'login')).toEqual(
      ok(['mona', 'octocat', 'hubot'])
    )
    expect(parseNameList('', 'login')).toEqual(ok([]))
  })
  it('accepts 39 characters, single inner hyphens and EMU suffixes', () => {
    const long = 'a'.repeat(39)
    expect(parseNameList(`${long} a-b-c mona_acme a1`, 'login').names).toEqual([
      long,
      'a-b-c',
      'mona_acme',
      'a1'
    ])
  })
  it('explains each bad login', () => {
    const { names, problems } = parseNameList(`${'a'.repeat(40)} a--b -ab ab- a.b`, 'login')
    expect(names).toEqual([])
    expect(problems.map((p) => [p.value, p.reason])).toEqual([
      ['a'.repeat(40), 'is longer than 39 characters (40)'],
      ['a--b', 'has a double hyphen'],
      ['-ab', 'starts or ends with a hyphen'],
      ['ab-', 'starts or ends with a hyphen'],
      ['a.b', expect.stringContaining('is not a GitHub login')]
    ])
  })
  it('refuses non-ASCII look-alikes before lower-casing (the Kelvin sign folds to "k")', () => {
    expect('\u212Aate'.toLowerCase()).toBe('kate')
    for (const name of ['\u212Aate', 'mon\u0430', 'mona\u200b', 'ﬁona', 'mona_\u212A']) {
      const { names, problems } = parseNameList(name, 'login')
      expect(names, name).toEqual([])
      expect(problems[0]?.reason, name).toMatch(/not plain ASCII/)
    }
    expect(isLogin('\u212Aate')).toBe(false)
    expect(parseNameList('\u212Aore', 'team').problems[0]?.reason).toMatch(/not plain ASCII/)
  })
  it(`bounds the EMU suffix at ${EMU_SUFFIX_MAX} letters or digits`, () => {
    const at = `mona_${'x'.repeat(EMU_SUFFIX_MAX)}`
    expect(parseNameList(at, 'login').names).toEqual([at])
    const over = parseNameList(`mona_${'x'.repeat(500)}`, 'login')
    expect(over.names).toEqual([])
    expect(over.problems[0]?.reason).toMatch(/suffix of 500 characters.*1-20 letters or digits/)
    expect(parseNameList('mona_', 'login').names).toEqual([])
    expect(parseNameList('mona_a_b', 'login').names).toEqual([])
    expect(parseNameList('mona_a-b', 'login').names).toEqual([])
  })
  it('team slugs keep their own grammar and no @ stripping', () => {
    expect(parseNameList('Platform-Team, ops_2 a.b', 'team')).toEqual(
      ok(['platform-team', 'ops_2', 'a.b'])
    )
    expect(parseNameList('@team', 'team').problems).toHaveLength(1)
  })
  it('an `ent:` prefix names an enterprise team: dropped with `enterprise`, refused without', () => {
    expect(parseNameList('ent:Platform, ops', 'team', { enterpriseTeams: true }).names).toEqual([
      'platform',
      'ops'
    ])
    expect(parseNameList('ent:platform', 'team').problems[0]?.reason).toMatch(/needs `enterprise`/)
  })
  it('keeps the first problems and counts the rest', () => {
    const parsed = parseNameList(Array.from({ length: 50 }, () => 'a--b').join(' '), 'login')
    expect(parsed.problems).toHaveLength(MAX_PROBLEMS)
    expect(parsed.problemCount).toBe(50)
  })
  it('isLogin', () => {
    expect(isLogin('Mona')).toBe(true)
    expect(isLogin('mona--x')).toBe(false)
  })
})

describe('parseLoginFile', () => {
  it('handles a BOM, CRLF, comments anywhere and blank lines', () => {
    const text = '\uFEFF# seat holders\r\nmona, octocat # leads\r\n\r\n  @hubot\r\nmona\n'
    expect(parseLoginFile(text)).toEqual(ok(['mona', 'octocat', 'hubot']))
  })
  it('names the line of each problem', () => {
    const { names, problems } = parseLoginFile('ok-1\n\nbad--one # x\nfine\r\n-bad\n')
    expect(names).toEqual(['ok-1', 'fine'])
    expect(problems.map((p) => [p.line, p.value])).toEqual([
      [3, 'bad--one'],
      [5, '-bad']
    ])
  })
  it('never hands out an entry that does not look like a mistyped login', () => {
    const secret = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const token = `ghp_${'A1b2C3d4'.repeat(4)}abcd`
    const { problems } = parseLoginFile(`${secret}\n${token}\nPATH=/usr/bin:/bin\nb!ob\n`)
    expect(problems.map((p) => [p.line, p.value])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, 'b!ob']
    ])
    expect(JSON.stringify(problems)).not.toMatch(/wJalr|A1b2|usr/)
  })
})

describe('loginExcerpt', () => {
  it('quotes short login-like entries, with anything not printable ASCII as "?"', () => {
    expect(loginExcerpt('bob--smith')).toBe('bob--smith')
    expect(loginExcerpt('mona\u200b')).toBe('mona?')
    expect(loginExcerpt('\u212Aate')).toBe('?ate')
    expect(loginExcerpt('a\u0000b')).toBe('a?b')
  })
  it('quotes nothing that may be something else', () => {
    expect(loginExcerpt('x'.repeat(21))).toBeNull()
    expect(loginExcerpt('KEY=value')).toBeNull()
    expect(loginExcerpt('https://x')).toBeNull()
    expect(loginExcerpt('p@$$w0rd!!')).toBeNull()
    expect(loginExcerpt('\u0001\u0002\u0003')).toBeNull()
  })
})
