// Editor families for the breakdown, from `last_activity_editor` strings such
// as `vscode/1.95.3/copilot/1.245.0` or `JetBrains-IU/243.2/copilot-intellij/1.5`.
// The README's table lists the same rules. Pure.

export const EDITOR_FAMILIES = [
  'VS Code',
  'JetBrains',
  'Visual Studio',
  'vim/neovim',
  'Xcode',
  'Eclipse',
  'CLI',
  'other',
  'none'
] as const
export type EditorFamily = (typeof EDITOR_FAMILIES)[number]

// Matched against the product part (before the first "/"), case-insensitively.
const RULES: [RegExp, EditorFamily][] = [
  [/^(vscode|code|vscode-insiders|vscode-chat|vs-code|visual ?studio ?code)\b/, 'VS Code'],
  [
    /^(jetbrains|intellij|idea|pycharm|webstorm|goland|rider|clion|phpstorm|rubymine|datagrip|dataspell|android-?studio|rustrover|appcode|fleet)/,
    'JetBrains'
  ],
  [/^(visualstudio|visual studio|vs)$/, 'Visual Studio'],
  [/^(vim|neovim|nvim|copilot\.vim|copilot\.lua)/, 'vim/neovim'],
  [/^xcode/, 'Xcode'],
  [/^eclipse/, 'Eclipse'],
  [
    /^(copilot-cli|gh-copilot|github-cli|gh|cli|copilot-developer-cli|copilot_cli|terminal)\b/,
    'CLI'
  ]
]

export function editorFamily(editor: string | null): EditorFamily {
  if (!editor) return 'none'
  const product = (editor.split('/')[0] ?? '').trim().toLowerCase()
  for (const [pattern, family] of RULES) if (pattern.test(product)) return family
  return 'other'
}
