import { describe, expect, it } from 'vitest'
import { isLogin, parseLoginFile, parseNameList } from '../../src/login-list.js'

describe('parseNameList', () => {
  it('splits on commas, spaces and newlines, drops @, lower-cases and merges duplicates', () => {
    expect(parseNameList(' @Mona, octocat\nHubot\t\tmona ,, @OCTOCAT ', 'login')).toEqual({
      names: ['mona', 'octocat', 'hubot'],
      problems: []
    })
    expect(parseNameList('', 'login')).toEqual({ names: [], problems: [] })
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
      ['a'.repeat(40), 'longer than 39 characters (40)'],
      ['a--b', 'has a double hyphen'],
      ['-ab', 'starts or ends with a hyphen'],
      ['ab-', 'starts or ends with a hyphen'],
      ['a.b', expect.stringContaining('not a GitHub login')]
    ])
  })
  it('team slugs keep their own grammar and no @ stripping', () => {
    expect(parseNameList('Platform-Team, ops_2 a.b', 'team')).toEqual({
      names: ['platform-team', 'ops_2', 'a.b'],
      problems: []
    })
    expect(parseNameList('@team', 'team').problems).toHaveLength(1)
  })
  it('isLogin', () => {
    expect(isLogin('Mona')).toBe(true)
    expect(isLogin('mona--x')).toBe(false)
  })
})

describe('parseLoginFile', () => {
  it('handles a BOM, CRLF, comments anywhere and blank lines', () => {
    const text = '\uFEFF# seat holders\r\nmona, octocat # leads\r\n\r\n  @hubot\r\nmona\n'
    expect(parseLoginFile(text)).toEqual({ names: ['mona', 'octocat', 'hubot'], problems: [] })
  })
  it('names the line of each problem', () => {
    const { names, problems } = parseLoginFile('ok-1\n\nbad--one # x\nfine\r\n-bad\n')
    expect(names).toEqual(['ok-1', 'fine'])
    expect(problems.map((p) => [p.line, p.value])).toEqual([
      [3, 'bad--one'],
      [5, '-bad']
    ])
  })
})
