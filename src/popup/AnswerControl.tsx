// One checklist question with the control its answer type calls for. The
// first focusable element carries id `q-<question id>` so "next question"
// can move focus to it.
import type { ChecklistQuestion } from '../core/rules-schema';

interface Props {
  question: ChecklistQuestion;
  value: string;
  onChange: (value: string) => void;
}

const YES_NO = [
  ['yes', 'Yes'],
  ['no', 'No'],
  ['unknown', 'Unknown'],
] as const;

function YesNo({ question, value, onChange }: Props) {
  return (
    <fieldset class="yesno">
      <legend>{question.text}</legend>
      {YES_NO.map(([v, text], i) => (
        <label key={v}>
          <input
            type="radio"
            name={`q-${question.id}`}
            id={i === 0 ? `q-${question.id}` : undefined}
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
          />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

const INPUT: Partial<Record<ChecklistQuestion['answer'], { type: 'text' | 'date' | 'datetime-local'; inputMode?: 'decimal'; unit?: string; hint?: string }>> = {
  amount: { type: 'text', inputMode: 'decimal', unit: '$', hint: 'dollars' },
  percentage: { type: 'text', inputMode: 'decimal', unit: '%', hint: 'percent' },
  text: { type: 'text' },
  date: { type: 'date' },
  datetime: { type: 'datetime-local' },
};

export function AnswerControl(props: Props) {
  const { question, value, onChange } = props;
  const id = `q-${question.id}`;
  if (question.answer === 'yes-no-unknown') return <YesNo {...props} />;
  if (question.answer === 'choice') {
    return (
      <div class="field">
        <label for={id}>{question.text}</label>
        <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {(question.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
    );
  }
  const spec = INPUT[question.answer] ?? { type: 'text' };
  return (
    <div class="field">
      <label for={id}>
        {question.text}
        {spec.hint ? <span class="visually-hidden"> ({spec.hint})</span> : null}
      </label>
      <span class="unit-input">
        {spec.unit === '$' ? <span aria-hidden="true">$</span> : null}
        {spec.type === 'text' ? (
          <input id={id} type="text" inputMode={spec.inputMode} value={value} autoComplete="off" onInput={(e) => onChange(e.currentTarget.value)} />
        ) : (
          <input id={id} type={spec.type} value={value} onInput={(e) => onChange(e.currentTarget.value)} />
        )}
        {spec.unit === '%' ? <span aria-hidden="true">%</span> : null}
      </span>
    </div>
  );
}
