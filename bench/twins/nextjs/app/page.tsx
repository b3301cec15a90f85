import { session } from './session'
import { Team } from './Team'

export default function Home() {
  return (
    <main>
      <p>Signed in as {session.username}</p>
      <Team username={session.username} />
    </main>
  )
}
