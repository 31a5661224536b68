import { Field, Input, Select, Text, Textarea } from '@fluentui/react-components';
import type { SampleFields } from './sample.js';
import { Notice } from './notice.js';
import { useStyles } from './styles.js';

/** Preview mode only (outside Outlook): the editable sample invite. Loaded after the first verdict. */
export function PreviewForm({ fields, onChange, invalid }: { fields: SampleFields; onChange: (fields: SampleFields) => void; invalid: boolean }) {
  const styles = useStyles();
  const set = <K extends keyof SampleFields>(key: K, value: SampleFields[K]) => onChange({ ...fields, [key]: value });
  return (
    <section className={styles.section} aria-labelledby="preview-heading">
      <h2 id="preview-heading" className={styles.h}>Sample invite</h2>
      <Text size={200}>Preview mode: not running in Outlook. Edit the invite to see the verdict change.</Text>
      <Field label="Subject"><Input value={fields.subject} onChange={(_, data) => set('subject', data.value)} /></Field>
      <Field label="Body"><Textarea value={fields.body} resize="vertical" rows={6} onChange={(_, data) => set('body', data.value)} /></Field>
      <div className={styles.row}>
        <Field label="Attendees"><Input type="number" min={0} value={String(fields.attendees)} onChange={(_, data) => set('attendees', Number(data.value))} /></Field>
        <Field label="Duration (min)"><Input type="number" min={0} value={String(fields.durationMinutes)} onChange={(_, data) => set('durationMinutes', Number(data.value))} /></Field>
        <Field label="Recurrence">
          <Select value={fields.recurrence} onChange={(_, data) => set('recurrence', data.value as SampleFields['recurrence'])}>
            <option value="">None</option>
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
            <option value="biweekly">Every two weeks</option>
            <option value="monthly">Monthly</option>
          </Select>
        </Field>
      </div>
      {invalid && <Notice intent="warning">The sample invite is not valid.</Notice>}
    </section>
  );
}
