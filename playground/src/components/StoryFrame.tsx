import type { Story } from '../stories'
import { EventLog } from './EventLog'

/** One story's page: the working control, its source, and what the collector received. */
export function StoryFrame({ story, collectorUrl }: { story: Story; collectorUrl: string }) {
  const { Component } = story
  return (
    <main className="story">
      <div className="story-main">
        <header>
          <h1>{story.title}</h1>
          <p>{story.summary}</p>
        </header>
        <section className="demo" aria-label="Demo">
          <Component />
        </section>
        <details className="source" open>
          <summary>Source: src/stories/{story.file}</summary>
          <pre>{story.source}</pre>
        </details>
      </div>
      <EventLog collectorUrl={collectorUrl} />
    </main>
  )
}
