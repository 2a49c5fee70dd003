import { describeConfig } from '../../../core/index.ts';
import { useSim } from '../../store/context.tsx';
import { selectConfig } from '../../store/selectors.ts';

/** What file this is, and the kernel's refusal if it would not even create it. */
export function ScenarioInfo() {
  const config = useSim(selectConfig);
  const title = useSim((s) => s.doc.scenario.title);
  const refusal = useSim((s) => s.replay.createRefusal);
  return (
    <div className="scenario-info">
      <p>
        {title !== undefined && (
          <strong>
            <bdi className="user-text">{title}</bdi> ·{' '}
          </strong>
        )}
        <span>{describeConfig(config)}</span>
      </p>
      {refusal !== undefined && (
        <p
          role="alert"
          className="refusal"
        >{`KVM_CREATE_GUEST_MEMFD refused: ${refusal.errno} from ${refusal.fn} (${refusal.rule}): ${refusal.reason}`}</p>
      )}
    </div>
  );
}
