import { describe, expect, it } from 'vitest'
import { EDITOR_FAMILIES, editorFamily } from '../../src/domain/editor.js'

describe('editorFamily', () => {
  it.each([
    ['vscode/1.95.3/copilot/1.245.0', 'VS Code'],
    ['vscode/1.97.0-insider/copilot-chat/0.24.0', 'VS Code'],
    ['VSCode/1.90', 'VS Code'],
    ['JetBrains-IU/243.21565.193/copilot-intellij/1.5.29', 'JetBrains'],
    ['JetBrains-PY/243.22562.220/copilot-intellij/1.5.30', 'JetBrains'],
    ['PyCharm/2024.3', 'JetBrains'],
    ['IntelliJ/2024.3', 'JetBrains'],
    ['VisualStudio/17.12.3/copilot-vs/1.0', 'Visual Studio'],
    ['vs/17.0', 'Visual Studio'],
    ['vim/9.1/copilot.vim/1.41.0', 'vim/neovim'],
    ['Neovim/0.10.2/copilot.lua/1.0', 'vim/neovim'],
    ['nvim/0.9', 'vim/neovim'],
    ['Xcode/16.1/copilot-xcode/0.30', 'Xcode'],
    ['Eclipse/4.33/copilot-eclipse/0.3', 'Eclipse'],
    ['copilot-cli/1.0.0', 'CLI'],
    ['gh-copilot/1.0', 'CLI'],
    ['unknown', 'other'],
    ['zed/0.160.0/copilot/1.0', 'other'],
    ['emacs/29.4/copilot.el/0.1', 'other'],
    ['Azure Data Studio/1.50.0/copilot/1.0', 'other'],
    ['GitHubMobile/iOS/1.190', 'other'],
    ['', 'none']
  ])('%s -> %s', (editor, family) => {
    expect(editorFamily(editor)).toBe(family)
  })

  // The README's table: the first segment, case-insensitively, starts with one of these.
  it.each([
    ['code/1.95.3/copilot/1.245.0', 'VS Code'],
    ['vscode-insiders/1.97.0/copilot/1.0', 'VS Code'],
    ['vscode-chat/1.95/copilot-chat/0.22', 'VS Code'],
    ['vs-code/1.95', 'VS Code'],
    ['Visual Studio Code/1.95', 'VS Code'],
    ['VisualStudioCode/1.95', 'VS Code'],
    ['GoLand/2024.3', 'JetBrains'],
    ['Rider/2024.3', 'JetBrains'],
    ['WebStorm/2024.3', 'JetBrains'],
    ['android-studio/2024.2', 'JetBrains'],
    ['AndroidStudio/2024.2', 'JetBrains'],
    ['RustRover/2024.3', 'JetBrains'],
    ['Fleet/1.44', 'JetBrains'],
    ['Visual Studio/17.12', 'Visual Studio'],
    ['copilot.vim/1.41', 'vim/neovim'],
    ['copilot.lua/1.0', 'vim/neovim'],
    ['gh/2.62.0/gh-copilot/1.0.5', 'CLI'],
    ['github-cli/2.62', 'CLI'],
    ['cli/1.0', 'CLI'],
    ['copilot-developer-cli/0.0.1', 'CLI'],
    ['copilot_cli/0.0.1', 'CLI'],
    ['terminal/1.0', 'CLI']
  ])('README table: %s -> %s', (editor, family) => {
    expect(editorFamily(editor)).toBe(family)
  })

  // Names that only look like a family's: the rules match whole names where a prefix would mislead.
  it.each([
    // a VS Code fork, not Visual Studio ("vs" is a whole segment)
    ['VSCodium/1.95.3', 'other'],
    // a terminal emulator, not the gh CLI
    ['Ghostty/1.0', 'other'],
    // Xcode, not VS Code ("code" must start the segment)
    ['Xcode/16.1', 'Xcode']
  ])('%s -> %s', (editor, family) => {
    expect(editorFamily(editor)).toBe(family)
  })

  it('ignores spaces around the first segment', () => {
    expect(editorFamily(' vscode /1.95')).toBe('VS Code')
    expect(editorFamily('VS /17.12')).toBe('Visual Studio')
  })

  it('null is none', () => {
    expect(editorFamily(null)).toBe('none')
  })

  it('every family is reachable and listed', () => {
    const samples = [
      'vscode/1',
      'JetBrains-IU/1',
      'VisualStudio/1',
      'vim/1',
      'Xcode/1',
      'Eclipse/1',
      'copilot-cli/1',
      'zed/1',
      null
    ]
    expect(samples.map(editorFamily)).toEqual([...EDITOR_FAMILIES])
  })
})
