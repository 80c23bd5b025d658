// After a denial: the appeal path step by step, what the Letter of Medical
// Necessity must contain as a checklist, and a letter outline to copy. The
// outline holds placeholders only, never anything from the page.
import type { Appeals } from '../core/rules-schema';
import { CopyButton } from './CopyButton';

interface Props {
  appeals: Appeals;
  payerId: string | null;
  /** Payer names, to say whose a payer-specific step is. */
  payers: readonly { id: string; name: string }[];
  checked: readonly string[];
  onCheck: (checked: string[]) => void;
}

export function AppealsSection({ appeals, payerId, payers, checked, onCheck }: Props) {
  // A payer-specific step (Medicare's ABN) shows for that payer, and for an unknown payer marked as such.
  const steps = appeals.steps.filter((s) => s.payers.length === 0 || payerId === null || s.payers.includes(payerId));
  const outline = appeals.letterOutline.join('\n\n');
  const toggle = (key: string, on: boolean) => onCheck(on ? [...new Set([...checked, key])] : checked.filter((x) => x !== key));
  return (
    <section aria-labelledby="appeals-title">
      <h2 id="appeals-title">Denied? The appeal path</h2>
      <ol class="steps">
        {steps.map((step) => (
          <li key={step.id}>
            <h3>
              {step.title}
              {payerId === null && step.payers.length > 0 ? <span class="muted"> ({step.payers.map((id) => payers.find((p) => p.id === id)?.name ?? id).join(', ')} only)</span> : null}
            </h3>
            <p>{step.text}</p>
            {step.items.length > 0 && (
              <fieldset class="lmn">
                <legend class="visually-hidden">{step.title}: contents to check off</legend>
                {step.items.map((item, i) => (
                  <label key={item}>
                    <input type="checkbox" checked={checked.includes(`${step.id}:${i}`)} onChange={(e) => toggle(`${step.id}:${i}`, e.currentTarget.checked)} /> {item}
                  </label>
                ))}
              </fieldset>
            )}
          </li>
        ))}
      </ol>
      <h3 id="outline-title">Appeal letter outline</h3>
      <p class="muted">Placeholders in [brackets]: fill them in your own system. Rules reviewed {appeals.reviewed}.</p>
      <pre class="outline" tabIndex={0} aria-labelledby="outline-title">
        {outline}
      </pre>
      <CopyButton id="copy-outline" label="Copy letter outline" text={() => `${outline}\n`} />
    </section>
  );
}
