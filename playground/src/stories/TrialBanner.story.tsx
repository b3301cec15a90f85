import { useTrackTrialEnded, useTrackTrialStarted } from '@intilery/react'
import { useState } from 'react'
import { Field } from '../components/Field'
import { MutationState } from '../components/MutationState'

export function TrialBanner() {
  const [trial, setTrial] = useState({
    trial_plan_name: 'Business',
    trial_start_date: '2018-08-28T04:09:47Z', // ISO-8601, sent exactly as written (a Date works too)
    trial_end_date: '2018-09-20T04:09:47Z',
  })
  const started = useTrackTrialStarted()
  const ended = useTrackTrialEnded()
  const edit = (name: keyof typeof trial) => (event: { target: { value: string } }) =>
    setTrial((old) => ({ ...old, [name]: event.target.value }))

  return (
    <>
      <div className="banner" role="status">
        {trial.trial_plan_name} trial: {trial.trial_start_date} to {trial.trial_end_date}
        <button type="button" onClick={() => started.mutate({ properties: trial })}>
          Start trial
        </button>
        <button type="button" onClick={() => ended.mutate({ properties: trial })}>
          End trial
        </button>
      </div>
      <Field label="Plan" value={trial.trial_plan_name} onChange={edit('trial_plan_name')} />
      <Field label="Trial starts" value={trial.trial_start_date} onChange={edit('trial_start_date')} />
      <Field label="Trial ends" value={trial.trial_end_date} onChange={edit('trial_end_date')} />
      <MutationState label="Trial Started" mutation={started} />
      <MutationState label="Trial Ended" mutation={ended} />
    </>
  )
}
