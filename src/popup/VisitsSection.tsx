// Medicare's visit limits for dry needling, as a picture of the year: the
// first visits inside the 90-day window, the additional visits that need
// documented improvement, and the annual limit, with what the next visit needs.
import { useState } from 'preact/hooks';
import { localDateTime } from '../core/call-session';
import type { MedicareProgram, Source } from '../core/rules-schema';
import { countVisits, isVisitDate, limitsFromProgram, nextVisitAdvice, normaliseVisitDates, type VisitKind } from '../core/visits';

interface Props {
  program: MedicareProgram;
  sources: Record<string, Source>;
  visits: readonly string[];
  onChange: (visits: string[]) => void;
}

const KIND_LABEL: Record<VisitKind, string> = {
  initial: 'within the first visits',
  'needs-improvement': 'additional: needs documented improvement',
  'over-limit': 'over the limit: not paid',
};

function today(): string {
  return localDateTime(new Date()).slice(0, 10);
}

export function VisitsSection({ program, sources, visits, onChange }: Props) {
  const limits = limitsFromProgram(program);
  const [on, setOn] = useState(today());
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  const reference = isVisitDate(on) ? on : today();
  const count = countVisits(visits, reference, limits);
  const source = sources[program.windowDays.sources[0] ?? ''];
  // The sentence on the next visit is the rules' own, with its source; a program without one shows the counts alone.
  const advice = nextVisitAdvice(count, limits, program.visitAdvice);
  const adviceSource = advice ? sources[advice.sources[0] ?? ''] : undefined;

  const add = (e: Event) => {
    e.preventDefault();
    if (!isVisitDate(draft)) return setProblem('Enter a visit date first.');
    if (visits.includes(draft)) return setProblem(`${draft} is already in the list: one visit a day is counted.`);
    setProblem('');
    onChange(normaliseVisitDates([...visits, draft]));
    setDraft('');
  };

  const cells = Array.from({ length: limits.annualMax }, (_, i) => {
    const n = i + 1;
    const used = count.visits.find((v) => v.number === n && v.kind !== 'over-limit');
    const kind = n <= limits.initialVisits ? 'initial' : 'needs-improvement';
    return { n, used: !!used, kind, next: count.next.number === n && count.next.kind !== 'over-limit' };
  });

  return (
    <section aria-labelledby="visits-title">
      <h2 id="visits-title">Medicare visits {count.year}</h2>
      <p class="muted">
        Up to {limits.initialVisits} visits in {limits.windowDays} days; {limits.additionalVisits} more only with documented improvement; no more than{' '}
        {limits.annualMax} a year
        {source ? (
          <>
            {' '}
            (
            <a href={source.url} target="_blank" rel="noreferrer noopener">
              {source.title}
            </a>
            )
          </>
        ) : null}
        . Counted per calendar year; the {limits.windowDays}-day window starts at the year's first visit.
      </p>

      <form class="visit-add" onSubmit={add}>
        <div class="field">
          <label for="visit-date">Visit date</label>
          <input id="visit-date" type="date" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        </div>
        <button type="submit">Add visit</button>
        <div class="field">
          <label for="visit-on">Next visit on</label>
          <input id="visit-on" type="date" value={on} onInput={(e) => setOn(e.currentTarget.value)} />
        </div>
      </form>
      {problem && (
        <p class="warn" role="alert">
          {problem}
        </p>
      )}

      <div
        class="visit-bar"
        role="img"
        aria-label={`${count.usedInYear} of ${limits.annualMax} visits used this year: ${count.usedInitial} of the first ${limits.initialVisits}, ${count.usedAdditional} of the ${limits.additionalVisits} additional.`}
      >
        {cells.map((c) => (
          <span key={c.n} class={`cell ${c.kind}${c.used ? ' used' : ''}${c.next ? ' next' : ''}`}>
            {c.n}
          </span>
        ))}
      </div>
      <p class="legend muted" aria-hidden="true">
        <span class="cell initial used">■</span> first {limits.initialVisits} (in {limits.windowDays} days) <span class="cell needs-improvement used">■</span>{' '}
        additional (documented improvement{limits.kxFromVisit ? `, KX from ${limits.kxFromVisit}` : ''}) <span class="cell next">□</span> next
      </p>

      {count.window && (
        <div
          class="window-bar"
          role="img"
          aria-label={count.window.open ? `Day ${count.window.day} of the ${limits.windowDays}-day window` : `The ${limits.windowDays}-day window has closed`}
        >
          <span style={{ width: `${Math.min(100, (count.window.day / limits.windowDays) * 100)}%` }} />
          <span class="muted" aria-hidden="true">
            {count.window.open ? `day ${count.window.day} of ${limits.windowDays}` : `window closed ${count.window.end}`}
          </span>
        </div>
      )}

      <dl class="numbers">
        <dt>Used this year</dt>
        <dd data-testid="used-year">{count.usedInYear}</dd>
        <dt>
          {limits.windowDays}-day window
        </dt>
        <dd data-testid="window">
          {count.window
            ? `${count.window.start} to ${count.window.end} (${count.window.open ? `open: the next visit is on day ${count.window.day}` : 'closed'})`
            : `starts at the first visit`}
        </dd>
        <dt>Left in the window</dt>
        <dd data-testid="left-window">{count.remainingInWindow}</dd>
        <dt>Additional visits left</dt>
        <dd data-testid="left-additional">{count.remainingAdditional}</dd>
        <dt>Left this year</dt>
        <dd data-testid="left-year">{count.remainingInYear}</dd>
      </dl>
      {advice && (
        <p class={count.next.kind === 'initial' ? 'next-advice' : 'next-advice warn'} data-testid="next-advice" role="status">
          {advice.text}
          {adviceSource ? (
            <>
              {' '}
              (
              <a href={adviceSource.url} target="_blank" rel="noreferrer noopener">
                {adviceSource.title}
              </a>
              )
            </>
          ) : null}
        </p>
      )}

      {count.visits.length + count.later.length > 0 && (
        <>
          <h3>Visits entered</h3>
          <ul class="visit-list">
            {count.visits.map((v) => (
              <li key={v.date}>
                <span>
                  {v.number}. {v.date}: {KIND_LABEL[v.kind]}
                  {v.kx ? ', KX' : ''}
                </span>
                <button type="button" class="link" aria-label={`Remove the visit on ${v.date}`} onClick={() => onChange(visits.filter((d) => d !== v.date))}>
                  Remove
                </button>
              </li>
            ))}
            {count.later.map((d) => (
              <li key={d}>
                <span>{d}: after the next visit date, not counted</span>
                <button type="button" class="link" aria-label={`Remove the visit on ${d}`} onClick={() => onChange(visits.filter((x) => x !== d))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          {visits.some((d) => Number(d.slice(0, 4)) !== count.year) && (
            <p class="muted">Visits from other years are kept but not counted for {count.year}.</p>
          )}
        </>
      )}
    </section>
  );
}
