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
