import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { collectorStatus } from './collectorApi'
import { blockedTag, loadTag, type TagMode } from './tag'
import './styles.css'

const collector = await collectorStatus()
const mode: TagMode =
  new URLSearchParams(window.location.search).get('tag') === 'blocked' ? 'blocked' : collector.up ? 'normal' : 'down'
const tag = mode === 'blocked' ? blockedTag() : loadTag(collector.url)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App tag={tag} initialMode={mode} collectorUrl={collector.url} />
  </StrictMode>,
)
