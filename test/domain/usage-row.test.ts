// One row of the usage metrics report: what makes a day active, which features
// and IDEs it shows, and which lines are malformed.
import { describe, expect, it } from 'vitest'
import {
  featureBit,
  isDay,
  readUsageRow,
  USAGE_FEATURES,
  type UsageRow
} from '../../src/domain/usage-row.js'

const base = { day: '2026-11-20', user_id: 7, user_login: 'Mona' }

function ok(value: unknown): UsageRow {
  const r = readUsageRow(value)
  if (!r.ok) throw new Error(`expected a row, got: ${r.problem}`)
  return r.row
}
function problem(value: unknown): string {
  const r = readUsageRow(value)
  if (r.ok) throw new Error('expected a problem')
  return r.problem
}
const bits = (...f: (typeof USAGE_FEATURES)[number][]) => f.reduce((b, x) => b | featureBit(x), 0)

describe('featureBit', () => {
  it('gives each feature its own bit, in the order of USAGE_FEATURES', () => {
    expect(USAGE_FEATURES.map(featureBit)).toEqual([1, 2, 4, 8, 16])
  })
})

describe('isDay', () => {
  it('takes real calendar days written YYYY-MM-DD only', () => {
    expect(isDay('2026-11-20')).toBe(true)
    expect(isDay('2024-02-29')).toBe(true)
    expect(isDay('2026-02-29')).toBe(false)
    expect(isDay('2026-13-01')).toBe(false)
    expect(isDay('2026-11-20T00:00:00Z')).toBe(false)
    expect(isDay(' 2026-11-20')).toBe(false)
    expect(isDay('2026-1-20')).toBe(false)
    expect(isDay(20261120)).toBe(false)
    expect(isDay(['2026-11-20'])).toBe(false)
    expect(isDay(null)).toBe(false)
  })
})

describe('readUsageRow: identity', () => {
  it('reads day, user id and login as given', () => {
    const row = ok({ ...base })
    expect(row).toEqual({
      day: '2026-11-20',
      userId: 7,
      login: 'Mona',
      active: false,
      interactions: 0,
      features: 0,
      ides: [],
      credits: null
    })
  })

  it('takes a row with only an id, or only a login; a string of digits is an id', () => {
    expect(ok({ day: base.day, user_id: 7 })).toMatchObject({ userId: 7, login: null })
    expect(ok({ day: base.day, user_login: 'mona' })).toMatchObject({ userId: null, login: 'mona' })
    expect(ok({ day: base.day, user_id: '12345' })).toMatchObject({ userId: 12345 })
    expect(ok({ day: base.day, user_id: null, user_login: 'x' })).toMatchObject({ userId: null })
    expect(ok({ day: base.day, user_id: 0, user_login: 'x' })).toMatchObject({ userId: 0 })
  })

  it('a line that is not an object, or has no day or no user, is malformed', () => {
    expect(problem(null)).toBe('not a JSON object')
    expect(problem([base])).toBe('not a JSON object')
    expect(problem('row')).toBe('not a JSON object')
    expect(problem(42)).toBe('not a JSON object')
    expect(problem({ user_id: 7 })).toBe('no valid "day"')
    expect(problem({ ...base, day: '2026-11-31' })).toBe('no valid "day"')
    expect(problem({ day: base.day })).toBe('neither "user_id" nor "user_login"')
    expect(problem({ day: base.day, user_id: null, user_login: null })).toBe(
      'neither "user_id" nor "user_login"'
    )
  })

  it('an id or login of the wrong kind is malformed', () => {
    expect(problem({ ...base, user_id: -1 })).toMatch(/"user_id" is -1/)
    expect(problem({ ...base, user_id: 1.5 })).toMatch(/"user_id"/)
    expect(problem({ ...base, user_id: 'mona' })).toMatch(/"user_id" is "mona"/)
    expect(problem({ ...base, user_id: '1'.repeat(16) })).toMatch(/"user_id"/)
    expect(problem({ ...base, user_id: true })).toMatch(/"user_id"/)
    expect(problem({ ...base, user_login: 5 })).toBe('"user_login" is not a login')
    expect(problem({ ...base, user_login: '' })).toBe('"user_login" is not a login')
  })
})

describe('readUsageRow: an active day', () => {
  it('is inactive with every count 0 and every flag false', () => {
    const row = ok({
      ...base,
      user_initiated_interaction_count: 0,
      code_generation_activity_count: 0,
      loc_added_sum: 0,
      ai_credits_used: 0,
      used_chat: false,
      used_agent: false,
      totals_by_feature: [{ feature: 'code_completion', code_generation_activity_count: 0 }],
      totals_by_ide: [{ ide: 'vscode', user_initiated_interaction_count: 0 }],
      totals_by_language_model: []
    })
    expect(row.active).toBe(false)
    expect(row.features).toBe(0)
    expect(row.ides).toEqual([])
  })

  it('is active with any top-level count or sum above 0', () => {
    for (const key of [
      'user_initiated_interaction_count',
      'code_generation_activity_count',
      'code_acceptance_activity_count',
      'loc_added_sum',
      'loc_deleted_sum',
      'loc_suggested_to_add_sum',
      'some_future_count'
    ]) {
      expect(ok({ ...base, [key]: 1 }).active, key).toBe(true)
    }
    expect(ok({ ...base, ai_credits_used: 0.1 }).active).toBe(true)
  })

  it('is active with any used_* flag true, known or new', () => {
    for (const key of [
      'used_chat',
      'used_agent',
      'used_cli',
      'used_copilot_code_review_active',
      'used_copilot_code_review_passive',
      'used_copilot_app'
    ]) {
      expect(ok({ ...base, [key]: true }).active, key).toBe(true)
    }
  })

  it('is active with a count above 0 nested in a breakdown', () => {
    expect(
      ok({
        ...base,
        totals_by_language_feature: [{ feature: 'x', language: 'go', loc_added_sum: 3 }]
      }).active
    ).toBe(true)
    expect(ok({ ...base, totals_by_cli: { token_usage: { output_tokens_sum: 9 } } }).active).toBe(
      true
    )
  })

  it('only fields ending in _count or _sum are counts, and only used_* fields are flags', () => {
    const row = ok({
      ...base,
      session_count_kind: 'interactive',
      sum_total_note: 'x',
      usedby: 'someone',
      used: 'x'
    })
    expect(row.active).toBe(false)
  })

  it('does not read numbers that are not counts (ids, versions, averages)', () => {
    expect(
      ok({
        ...base,
        entity_id_partition: 12,
        enterprise_id: '1',
        totals_by_cli: { token_usage: { avg_tokens_per_request: 900 }, cli_version: 3 }
      }).active
    ).toBe(false)
  })

  it('reads no deeper than GitHub nests its rows', () => {
    let deep: Record<string, unknown> = { prompt_count: 5 }
    for (let i = 0; i < 10; i++) deep = { nested: deep }
    expect(ok({ ...base, totals_by_cli: deep }).active).toBe(false)
    let shallow: Record<string, unknown> = { prompt_count: 5 }
    for (let i = 0; i < 4; i++) shallow = { nested: shallow }
    expect(ok({ ...base, totals_by_cli: shallow }).active).toBe(true)
  })

  it('a count that is not a number, or negative, is malformed; a flag that is not boolean too', () => {
    expect(problem({ ...base, user_initiated_interaction_count: '5' })).toBe(
      '"user_initiated_interaction_count" is "5", not a count'
    )
    expect(problem({ ...base, loc_added_sum: -3 })).toBe('"loc_added_sum" is -3, not a count')
    expect(problem({ ...base, ai_credits_used: 'lots' })).toMatch(/"ai_credits_used"/)
    expect(problem({ ...base, code_generation_activity_count: {} })).toMatch(/not a count/)
    expect(problem({ ...base, used_chat: 'yes' })).toBe('"used_chat" is not true or false')
    expect(problem({ ...base, totals_by_ide: [{ ide: 'vscode', loc_added_sum: 'many' }] })).toMatch(
      /"loc_added_sum"/
    )
  })

  it('null counts and flags are absent ones', () => {
    const row = ok({
      ...base,
      user_initiated_interaction_count: null,
      used_chat: null,
      ai_credits_used: null,
      totals_by_feature: null,
      totals_by_ide: null
    })
    expect(row).toMatchObject({ active: false, interactions: 0, credits: null })
  })
})

describe('readUsageRow: interactions and credits', () => {
  it('a null top-level interaction count is an absent one: the features are summed', () => {
    expect(
      ok({
        ...base,
        user_initiated_interaction_count: null,
        totals_by_feature: [{ feature: 'chat_inline', user_initiated_interaction_count: 4 }]
      }).interactions
    ).toBe(4)
  })

  it('interactions are the top-level count, else the sum over the features', () => {
    expect(ok({ ...base, user_initiated_interaction_count: 12 }).interactions).toBe(12)
    expect(
      ok({
        ...base,
        totals_by_feature: [
          { feature: 'chat_panel_ask_mode', user_initiated_interaction_count: 3 },
          { feature: 'chat_panel_agent_mode', user_initiated_interaction_count: 4 },
          { feature: 'code_completion' }
        ]
      }).interactions
    ).toBe(7)
    expect(
      ok({
        ...base,
        user_initiated_interaction_count: 2,
        totals_by_feature: [{ feature: 'chat_panel_ask_mode', user_initiated_interaction_count: 9 }]
      }).interactions
    ).toBe(2)
  })

  it('credits are ai_credits_used when the row has it, 0 included', () => {
    expect(ok({ ...base, ai_credits_used: 12.5 }).credits).toBe(12.5)
    expect(ok({ ...base, ai_credits_used: 0 }).credits).toBe(0)
    expect(ok({ ...base }).credits).toBeNull()
  })
})

describe('readUsageRow: features', () => {
  const feature = (name: string, n = 1) => ({ feature: name, code_generation_activity_count: n })

  it('completions from the code_completion breakdown with a count', () => {
    expect(ok({ ...base, totals_by_feature: [feature('code_completion')] }).features).toBe(
      bits('completions')
    )
    expect(
      ok({ ...base, used_chat: true, totals_by_feature: [feature('code_completion', 0)] }).features
    ).toBe(bits('chat'))
  })

  it('chat from used_chat, a chat panel mode or inline chat; agent from used_agent, agent mode or agent edits', () => {
    for (const mode of [
      'chat_panel_ask_mode',
      'chat_panel_edit_mode',
      'chat_panel_plan_mode',
      'chat_panel_unknown_mode',
      'chat_inline'
    ]) {
      expect(ok({ ...base, totals_by_feature: [feature(mode)] }).features, mode).toBe(bits('chat'))
    }
    expect(ok({ ...base, used_chat: true }).features).toBe(bits('chat'))
    expect(ok({ ...base, totals_by_feature: [feature('chat_panel_agent_mode')] }).features).toBe(
      bits('agent')
    )
    expect(
      ok({ ...base, totals_by_feature: [{ feature: 'agent_edit', loc_added_sum: 40 }] }).features
    ).toBe(bits('agent'))
    expect(ok({ ...base, used_agent: true }).features).toBe(bits('agent'))
  })

  it('CLI from used_cli or a CLI breakdown with a count; code review from either review flag', () => {
    expect(ok({ ...base, used_cli: true }).features).toBe(bits('cli'))
    expect(ok({ ...base, totals_by_cli: { prompt_count: 2 } }).features).toBe(bits('cli'))
    expect(ok({ ...base, totals_by_feature: [feature('copilot_cli')] }).features).toBe(bits('cli'))
    expect(ok({ ...base, used_chat: true, totals_by_cli: { prompt_count: 0 } }).features).toBe(
      bits('chat')
    )
    expect(ok({ ...base, used_copilot_code_review_active: true }).features).toBe(
      bits('code-review')
    )
    expect(ok({ ...base, used_copilot_code_review_passive: true }).features).toBe(
      bits('code-review')
    )
  })

  it('all at once; an unknown feature counts for activity, not as a feature', () => {
    const row = ok({
      ...base,
      used_cli: true,
      used_copilot_code_review_active: true,
      totals_by_feature: [
        feature('code_completion'),
        feature('chat_panel_custom_mode'),
        feature('agent_edit'),
        feature('copilot_app')
      ]
    })
    expect(row.features).toBe(bits('completions', 'chat', 'agent', 'cli', 'code-review'))
    expect(ok({ ...base, totals_by_feature: [feature('copilot_app')] })).toMatchObject({
      active: true,
      features: 0
    })
  })

  it('an inactive day is not read for features: an entry without a name there is fine', () => {
    expect(
      ok({ ...base, totals_by_feature: [{ code_generation_activity_count: 0 }] })
    ).toMatchObject({ active: false, features: 0 })
  })

  it('a breakdown of the wrong shape is malformed', () => {
    expect(problem({ ...base, totals_by_feature: {} })).toBe(
      '"totals_by_feature" is not a list of objects'
    )
    expect(problem({ ...base, totals_by_feature: [1] })).toBe(
      '"totals_by_feature" is not a list of objects'
    )
    expect(problem({ ...base, totals_by_ide: 'vscode' })).toBe(
      '"totals_by_ide" is not a list of objects'
    )
    expect(problem({ ...base, used_chat: true, totals_by_feature: [{ loc_added_sum: 1 }] })).toBe(
      'an entry of "totals_by_feature" has no name'
    )
    expect(problem({ ...base, used_chat: true, totals_by_cli: [] })).toBe(
      '"totals_by_cli" is not an object'
    )
    expect(problem({ ...base, used_chat: true, used_agent: 1 })).toBe(
      '"used_agent" is not true or false'
    )
  })
})

describe('readUsageRow: IDEs', () => {
  it('the IDE names of an active day, each once, as GitHub writes them', () => {
    const row = ok({
      ...base,
      used_chat: true,
      totals_by_ide: [
        { ide: 'vscode', user_initiated_interaction_count: 3 },
        { ide: 'intellij' },
        { ide: 'vscode' },
        { ide: '' },
        { ide: null },
        {}
      ]
    })
    expect(row.ides).toEqual(['vscode', 'intellij'])
  })

  it('none on an inactive day; a name that is not a string is malformed', () => {
    expect(ok({ ...base, totals_by_ide: [{ ide: 'vscode' }] }).ides).toEqual([])
    expect(problem({ ...base, used_chat: true, totals_by_ide: [{ ide: 3 }] })).toBe(
      'an entry of "totals_by_ide" has no name'
    )
  })
})
